using Campaigns.Worker;

// The sender worker host. Sending (SendBatch consumers, SMTP pools, throttles) arrives with the sending
// issue; for now the host starts, brings the database up to date and waits for work.
var builder = Host.CreateApplicationBuilder(args);
builder.AddCampaignsWorker();
var host = builder.Build();
await host.RunAsync();
