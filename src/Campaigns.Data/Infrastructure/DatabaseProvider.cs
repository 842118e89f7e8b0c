namespace Campaigns.Data.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
