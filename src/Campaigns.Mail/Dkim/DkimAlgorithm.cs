namespace Campaigns.Mail.Dkim;

public enum DkimAlgorithm
{
    Rsa2048,
    Ed25519,
}
