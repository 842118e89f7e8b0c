using Campaigns.Core.Import;

namespace Campaigns.Core.Tests.Import;

public sealed class HeaderMapperTests
{
    [Fact]
    public void Recognizes_a_mailchimp_export()
    {
        var map = HeaderMapper.Map(["Email Address", "First Name", "Last Name", "Address", "MEMBER_RATING", "OPTIN_TIME"]);
        Assert.Equal(
            [ColumnTarget.Email, ColumnTarget.FirstName, ColumnTarget.LastName, ColumnTarget.Attribute, ColumnTarget.Attribute, ColumnTarget.Attribute],
            map.Select(m => m.Target));
        Assert.Equal("MEMBER_RATING", map[4].AttributeKey);
    }

    [Fact]
    public void Recognizes_listmonk_and_sendy_exports()
    {
        var listmonk = HeaderMapper.Map(["uuid", "email", "name", "attributes", "status", "created_at", "updated_at"]);
        Assert.Equal(
            [ColumnTarget.Ignore, ColumnTarget.Email, ColumnTarget.Name, ColumnTarget.AttributesJson, ColumnTarget.Ignore, ColumnTarget.Ignore, ColumnTarget.Ignore],
            listmonk.Select(m => m.Target));

        var sendy = HeaderMapper.Map(["Name", "Email", "Joined"]);
        Assert.Equal([ColumnTarget.Name, ColumnTarget.Email, ColumnTarget.Attribute], sendy.Select(m => m.Target));
    }

    [Fact]
    public void Takes_a_single_header_that_mentions_mail_and_makes_repeated_headers_unique()
    {
        var map = HeaderMapper.Map(["Work E-Mail", "city", "City", ""]);
        Assert.Equal(ColumnTarget.Email, map[0].Target);
        Assert.Equal(["city", "City_2", "column4"], map.Skip(1).Select(m => m.AttributeKey));

        var twoEmails = HeaderMapper.Map(["email", "e-mail"]);
        Assert.Equal([ColumnTarget.Email, ColumnTarget.Attribute], twoEmails.Select(m => m.Target));
    }

    [Fact]
    public void Explains_a_missing_email_column_and_honours_an_explicit_mapping()
    {
        var error = Assert.Throws<ImportFormatException>(() => HeaderMapper.Map(["who", "where"]));
        Assert.Contains("'who', 'where'", error.Message, StringComparison.Ordinal);

        var map = HeaderMapper.Map(["who", "where"], new Dictionary<string, ColumnTarget> { ["WHO"] = ColumnTarget.Email });
        Assert.Equal(ColumnTarget.Email, map[0].Target);

        Assert.Throws<ImportFormatException>(() => HeaderMapper.Map(["email"], new Dictionary<string, ColumnTarget> { ["nope"] = ColumnTarget.Name }));
        Assert.Throws<ImportFormatException>(() => HeaderMapper.Map(Enumerable.Range(0, 1001).Select(i => $"c{i}").ToList()));
    }
}
