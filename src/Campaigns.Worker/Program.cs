using Campaigns.Sending.Hosting;
using Campaigns.Worker;

// A sender worker: consumes SendBatch messages (run N of these), and serves only its probes and metrics over HTTP.
var builder = WebApplication.CreateBuilder(args);
builder.AddCampaignsWorker();
var app = builder.Build();
app.MapCampaignsHealth();
app.Run();
