using Campaigns.Cli.Infrastructure;

// `campaigns` — operator commands against the configured database (SQLite by default, SQL Server when
// ConnectionStrings__Campaigns is set). Every command exits non-zero with a one-line message on failure.
return await CliApp.RunAsync(new CommandContext(CliServices.Create), args);
