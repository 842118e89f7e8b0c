using System.Globalization;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;

namespace Campaigns.Cli.Infrastructure;

internal static class ListResolver
{
    /// <summary>A list by name (any case), or by id when written as a number that is not also a list's name.</summary>
    public static async Task<MailingList> ResolveAsync(IListStore lists, string nameOrId, CancellationToken cancellationToken)
    {
        var byName = await lists.FindByNameAsync(nameOrId, cancellationToken);
        if (byName is not null)
        {
            return byName;
        }

        if (long.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && await lists.GetAsync(id, cancellationToken) is { } byId)
        {
            return byId;
        }

        throw new NotFoundException($"No list named '{nameOrId}'. 'campaigns lists ls' shows the lists.");
    }
}
