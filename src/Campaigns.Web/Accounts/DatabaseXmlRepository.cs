using System.Xml.Linq;
using Campaigns.Data.Accounts;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Campaigns.Web.Accounts;

/// <summary>Data Protection's key ring in the database: sessions survive a restart and work on every web replica.</summary>
public sealed class DatabaseXmlRepository(DataProtectionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.ReadAll().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) => store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
