namespace Campaigns.Web.Api;

public sealed record TemplateRequest(string Name, string Body);
