using Exchange.Core.Data;
using Exchange.Web;
using Exchange.Web.Accounts;
using Exchange.Web.Cli;

var command = CommandLine.Parse(args);
if (command.Verb == HubEmulatorCommand.Verb)
    return await HubEmulatorCommand.RunAsync(command.HostArgs);
if (command.Verb == ProbeCommand.Verb)
    return await ProbeCommand.RunAsync(command.HostArgs, Console.Out, Console.Error);
if (command.Verb == BenchmarkCommand.Verb)
    return await BenchmarkCommand.RunAsync(command);
if (command.Verb == WithdrawalBenchmarkCommand.Verb) return await WithdrawalBenchmarkCommand.RunAsync(command);
if (command.Verb == HistoryBenchmarkCommand.Verb)
    return await HistoryBenchmarkCommand.RunAsync(command.VerbOptions);
if (command.Verb == ScreenBenchmarkCommand.Verb)
    return await ScreenBenchmarkCommand.RunAsync(command.VerbOptions);
if (command.Verb == Exchange.Web.Cli.PagesBenchmark.PagesBenchmarkCommand.Verb)
    return await Exchange.Web.Cli.PagesBenchmark.PagesBenchmarkCommand.RunAsync(command.VerbOptions);
if (command.Verb == HubBenchmarkCommand.Verb)
    return await HubBenchmarkCommand.RunAsync(command.VerbOptions, command.HostArgs);

var builder = WebApplication.CreateBuilder(command.HostArgs);
// `dotnet run` outside Development would otherwise serve no package assets (MudBlazor's CSS and JS);
// a published app has them in wwwroot and this is a no-op there.
builder.WebHost.UseStaticWebAssets();
builder.AddExchangeWeb();

var app = builder.Build();
if (command.Verb == MigrateCommand.Verb)
    return await MigrateCommand.RunAsync(app.Services, Console.Out, Console.Error);
try
{
    await app.PrepareDatabaseAsync();
}
catch (DatabaseNotReadyException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

if (command.Verb is not null)
    return await CommandRunner.RunAsync(command, app.Services);

await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(Console.Out);

app.UseExchangeWeb();
await app.RunAsync();
return 0;
