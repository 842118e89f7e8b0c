using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Components.Pages.Lists;

public partial class ListsPage
{
    private IReadOnlyList<ListSummary>? _lists;
    private string _name = "";
    private string _description = "";
    private string _tags = "";
    private ListVisibility _visibility = ListVisibility.Private;
    private OptInKind _optIn = OptInKind.Single;
    private string? _error;
    private string? _errorField;
    private long? _confirmDelete;

    [Inject]
    private IListStore Lists { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _lists = await Lists.ListAsync();

    private async Task CreateAsync()
    {
        _error = null;
        _errorField = null;
        try
        {
            var tags = _tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var list = await Lists.CreateAsync(new NewList(_name, _description, _visibility, _optIn, tags));
            Snackbar.Add($"List '{list.Name}' created.", Severity.Success);
            _name = _description = _tags = "";
            _lists = await Lists.ListAsync();
        }
        catch (ValidationException e)
        {
            _error = e.Message;
            _errorField = e.Message.Contains("name", StringComparison.OrdinalIgnoreCase) ? "name" : null;
        }
    }

    private async Task DeleteAsync(long id)
    {
        await Lists.DeleteAsync(id);
        _confirmDelete = null;
        Snackbar.Add("List deleted; its subscribers stay.", Severity.Info);
        _lists = await Lists.ListAsync();
    }
}
