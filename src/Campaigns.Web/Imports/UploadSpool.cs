using Campaigns.Data.Infrastructure;

namespace Campaigns.Web.Imports;

/// <summary>Where uploaded CSV files wait for their import: a folder in the data directory, cleaned of leftovers at start.</summary>
public sealed class UploadSpool
{
    public UploadSpool(IConfiguration configuration)
    {
        Folder = Path.Combine(DatabaseOptions.DataDirectory(configuration), "uploads");
        Directory.CreateDirectory(Folder);
        foreach (var stale in Directory.EnumerateFiles(Folder, "*.csv").Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddDays(-1)))
        {
            File.Delete(stale);
        }
    }

    public string Folder { get; }

    public string NewPath() => Path.Combine(Folder, $"{Guid.NewGuid():N}.csv");
}
