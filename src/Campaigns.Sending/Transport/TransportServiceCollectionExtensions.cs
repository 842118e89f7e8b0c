using Campaigns.Data.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Sending.Transport;

public static class TransportServiceCollectionExtensions
{
    /// <summary>Pooled SMTP when <c>Campaigns:Smtp:Servers</c> names servers; otherwise .eml files in <c>Campaigns:Smtp:PickupFolder</c> (default: the data folder's pickup/).</summary>
    public static IServiceCollection AddMailTransport(this IServiceCollection services, IConfiguration configuration)
    {
        var pickup = configuration["Campaigns:Smtp:PickupFolder"];
        services.AddSingleton<IMailTransport>(_ => new PickupFolderTransport(
            string.IsNullOrWhiteSpace(pickup) ? Path.Combine(DatabaseOptions.DataDirectory(configuration), "pickup") : pickup));
        return services;
    }
}
