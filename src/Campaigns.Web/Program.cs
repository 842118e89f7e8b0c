using Campaigns.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddCampaignsWeb();

var app = builder.Build();
app.UseCampaignsWeb();
app.Run();

/// <summary>The web host's entry point; public so tests can host it.</summary>
public partial class Program;
