using Campaigns.Data.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Transport;

public static class TransportServiceCollectionExtensions
{
    /// <summary>Pooled SMTP when <c>Campaigns:Smtp:Servers</c> names servers; otherwise .eml files in the pickup folder (default: the data folder's pickup/).</summary>
    public static IServiceCollection AddMailTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpTransportOptions>().Bind(configuration.GetSection(SmtpTransportOptions.Section));
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SmtpTransportOptions>>();
            if (options.Value.Servers.Any(s => !string.IsNullOrWhiteSpace(s.Host)))
            {
                options.Value.Servers.RemoveAll(s => string.IsNullOrWhiteSpace(s.Host));
                return new SmtpTransport(options);
            }

            var pickup = options.Value.PickupFolder;
            return new PickupFolderTransport(string.IsNullOrWhiteSpace(pickup) ? Path.Combine(DatabaseOptions.DataDirectory(configuration), "pickup") : pickup);
        });
        return services;
    }
}
