using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Web.Imports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Campaigns.Web.Components.Pages.Import;

/// <summary>Upload, preview and map, then a live progress bar while the import runs in the background, then its report.</summary>
public sealed partial class ImportPage : IDisposable
{
    /// <summary>Uploads through the browser are capped; larger files go through the CLI or the API.</summary>
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    private readonly Dictionary<string, ColumnTarget> _overrides = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<ListSummary> _lists = [];
    private IReadOnlyList<ImportSummary> _history = [];
    private ImportMode _mode = ImportMode.Add;
    private CsvPreview? _preview;
    private ImportJob? _job;
    private string? _path;
    private string _fileName = "";
    private long _fileSize;
    private long _uploaded;
    private bool _uploading;
    private string? _error;
    private string? _listError;
    private Timer? _timer;

    [SupplyParameterFromQuery(Name = "list")]
    private long? ListId { get; set; }

    [Inject]
    private IListStore Lists { get; set; } = default!;

    [Inject]
    private IImportStore Imports { get; set; } = default!;

    [Inject]
    private ImportJobRunner Runner { get; set; } = default!;

    [Inject]
    private UploadSpool Spool { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _lists = await Lists.ListAsync();
        _history = await Imports.ListAsync(limit: 20);
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        _preview = null;
        _overrides.Clear();
        DeleteUpload();
        var file = e.File;
        if (file.Size > MaxUploadBytes)
        {
            _error = $"The file is {file.Size / 1024 / 1024:N0} MB; the browser upload takes up to {MaxUploadBytes / 1024 / 1024:N0} MB. Use `campaigns import` for larger files.";
            return;
        }

        _uploading = true;
        _path = Spool.NewPath();
        try
        {
            await using (var source = file.OpenReadStream(MaxUploadBytes))
            await using (var target = File.Create(_path))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    _uploaded += read;
                }
            }

            _fileName = file.Name;
            _fileSize = file.Size;
            await PreviewAsync();
        }
        catch (IOException ex)
        {
            _error = "The upload did not finish: " + ex.Message;
            DeleteUpload();
        }
        finally
        {
            _uploading = false;
            _uploaded = 0;
        }
    }

    private async Task PreviewAsync()
    {
        try
        {
            await using var stream = File.OpenRead(_path!);
            _preview = await CsvPreview.ReadAsync(stream, _overrides.Count == 0 ? null : _overrides);
            _error = _preview.Columns.Any(c => c.Target == ColumnTarget.Email) ? null : "No column was recognized as the email address: choose it in the column headers below.";
        }
        catch (ImportFormatException ex)
        {
            _error = ex.Message;
            _preview = null;
        }
    }

    private async Task RemapAsync(string header, ColumnTarget target)
    {
        _overrides[header] = target;
        await PreviewAsync();
    }

    private async Task StartAsync()
    {
        _listError = ListId is null ? "Choose the list to import into." : null;
        if (_listError is not null || _path is null || _preview is null)
        {
            return;
        }

        var options = new ImportOptions(ListId!.Value, _mode, _fileName, _overrides.Count == 0 ? null : new Dictionary<string, ColumnTarget>(_overrides));
        _job = Runner.Start(_path, options);
        _path = null; // the runner owns the file now
        _timer = new Timer(_ => InvokeAsync(TickAsync), null, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300));
        await Task.CompletedTask;
    }

    private async Task TickAsync()
    {
        if (_job?.IsDone == true && _timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
            _history = await Imports.ListAsync(limit: 20);
        }

        StateHasChanged();
    }

    private void Reset()
    {
        _job = null;
        _preview = null;
        _overrides.Clear();
    }

    private static string Describe(ColumnTarget target) => target switch
    {
        ColumnTarget.Email => "Email",
        ColumnTarget.Name => "Name",
        ColumnTarget.FirstName => "First name",
        ColumnTarget.LastName => "Last name",
        ColumnTarget.AttributesJson => "Attributes (JSON)",
        ColumnTarget.Attribute => "Attribute",
        _ => "Ignore",
    };

    private void DeleteUpload()
    {
        if (_path is not null)
        {
            File.Delete(_path);
            _path = null;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        DeleteUpload();
    }
}
