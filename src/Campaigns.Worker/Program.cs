using Campaigns.Sending.Hosting;
using Campaigns.Worker;

// A sender worker: consumes SendBatch messages (run N of these), and serves only its probes and metrics over HTTP.
// Configuration is read once at start (a worker is restarted to take a change), so no file watcher runs over the working
// directory, where a database or pickup folder may change thousands of times a second.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddCampaignsWorker();
var app = builder.Build();
app.MapCampaignsHealth();
app.Run();
