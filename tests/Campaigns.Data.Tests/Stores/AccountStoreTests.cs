using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Campaigns.Testing;

namespace Campaigns.Data.Tests.Stores;

public sealed class AccountStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_first_admin_is_created_once_and_the_last_admin_cannot_be_deleted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var users = db.Get<IUserStore>();
        var first = await users.CreateFirstAsync("ada@example.com", "Ada", "hash", "stamp1", TestContext.Current.CancellationToken);
        Assert.NotNull(first);
        Assert.Equal(UserRole.Admin, first.Role);
        Assert.Null(await users.CreateFirstAsync("eve@example.com", "Eve", "hash", "stamp2", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ValidationException>(() => users.CreateAsync("ADA@example.com", "Again", UserRole.Viewer, "h", "s", TestContext.Current.CancellationToken));

        var editor = await users.CreateAsync("ed@example.com", "Ed", UserRole.Editor, "h", "s", TestContext.Current.CancellationToken);
        Assert.False(await users.DeleteAsync(first.Id, TestContext.Current.CancellationToken));
        Assert.True(await users.DeleteAsync(editor.Id, TestContext.Current.CancellationToken));
        Assert.Single(await users.ListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Failures_lock_and_a_sign_in_or_a_new_password_unlocks(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var users = db.Get<IUserStore>();
        var ada = (await users.CreateFirstAsync("ada@example.com", "Ada", "hash", "stamp", TestContext.Current.CancellationToken))!;
        await users.RecordFailureAsync(ada.Id, null, TestContext.Current.CancellationToken);
        await users.RecordFailureAsync(ada.Id, null, TestContext.Current.CancellationToken);
        Assert.Equal(2, (await users.FindCredentialsAsync("ADA@example.com", TestContext.Current.CancellationToken))!.FailedAttempts);

        var until = DateTimeOffset.UtcNow.AddMinutes(15);
        await users.RecordFailureAsync(ada.Id, until, TestContext.Current.CancellationToken);
        var locked = (await users.FindCredentialsAsync("ada@example.com", TestContext.Current.CancellationToken))!;
        Assert.NotNull(locked.User.LockedUntil);
        Assert.Equal(0, locked.FailedAttempts);

        Assert.True(await users.UpdateAsync(ada.Id, null, "newhash", "stamp2", TestContext.Current.CancellationToken));
        var reset = (await users.FindCredentialsAsync("ada@example.com", TestContext.Current.CancellationToken))!;
        Assert.Null(reset.User.LockedUntil);
        Assert.Equal("newhash", reset.PasswordHash);
        Assert.Equal("stamp2", await users.GetSecurityStampAsync(ada.Id, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_keys_are_found_by_prefix_and_revoked_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var keys = db.Get<IApiKeyStore>();
        var key = await keys.CreateAsync("ci", "abcd1234", "HASH", [ApiScopes.ListsRead], null, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var found = await keys.FindByPrefixAsync("abcd1234", TestContext.Current.CancellationToken);
        Assert.Equal("HASH", found!.Value.SecretHash);
        Assert.Equal([ApiScopes.ListsRead], found.Value.Key.Scopes);
        Assert.True(await keys.RevokeAsync(key.Id, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));
        Assert.False(await keys.RevokeAsync(key.Id, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));
        Assert.True((await keys.FindByPrefixAsync("abcd1234", TestContext.Current.CancellationToken))!.Value.Key.IsRevoked);
        Assert.Null(await keys.FindByPrefixAsync("zzzz9999", TestContext.Current.CancellationToken));
    }
}
