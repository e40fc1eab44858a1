using Exchange.Core.Data;
using Exchange.Web;
using Exchange.Web.Accounts;
using Exchange.Web.Cli;

var command = CommandLine.Parse(args);
var verb = Verbs.Named(command.Verb);
if (command.Verb is not null && verb is null)
{
    await Console.Error.WriteLineAsync(Verbs.Unknown(command.Verb));
    return 2;
}
if (verb?.Alone is { } alone)
    return await alone(command);

var builder = WebApplication.CreateBuilder(HostArguments.With(command.HostArgs));
// `dotnet run` outside Development would otherwise serve no package assets (MudBlazor's CSS and JS);
// a published app has them in wwwroot and this is a no-op there.
builder.WebHost.UseStaticWebAssets();
builder.AddExchangeWeb();

var app = builder.Build();
if (verb is { OnApp: { } onApp, OnPreparedDatabase: false })
    return await onApp(command, app);
try
{
    await app.PrepareDatabaseAsync();
}
catch (DatabaseNotReadyException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

if (verb?.OnApp is { } onPrepared)
    return await onPrepared(command, app);

await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(Console.Out);

app.UseExchangeWeb();
await app.RunAsync();
return 0;
