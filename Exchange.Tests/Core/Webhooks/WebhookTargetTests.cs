using System.Net;
using Exchange.Core.Notices;
using Exchange.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.Webhooks;

/// <summary>Server-side request forgery: only https to public addresses, refused at registration and again when connecting.</summary>
public class WebhookTargetTests : WebhookTest
{
    protected override void Configure(WebhookOptions options) => options.AllowPrivateTargets = false;

    private Task<WebhookChange> TryRegisterAsync(string url) =>
        Database.Get<WebhookEndpoints>().CreateAsync(User(), new WebhookRegistration(url, null, [NoticeTypes.DepositCredited.Name]), Token);

    private async Task AssertRefusedAsync(string url, string because)
    {
        var change = await TryRegisterAsync(url);
        Assert.False(change.Succeeded, $"{url} was registered");
        Assert.Contains(because, change.Problem, StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.False(await db.WebhookEndpoints.AnyAsync(Token));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hooks", "private, loopback or reserved")]
    [InlineData("https://10.1.2.3/hooks", "private, loopback or reserved")]
    [InlineData("https://192.168.1.20:8443/hooks", "private, loopback or reserved")]
    [InlineData("https://[::1]/hooks", "private, loopback or reserved")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", "private, loopback or reserved")]
    [InlineData("https://[fe80::1]/hooks", "private, loopback or reserved")]
    [InlineData("https://100.64.0.1/hooks", "private, loopback or reserved")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private, loopback or reserved")]
    [InlineData("https://224.0.0.1/hooks", "private, loopback or reserved")]
    [InlineData("https://0.0.0.0/hooks", "private, loopback or reserved")]
    [InlineData("https://localhost/hooks", "this server itself")]
    [InlineData("https://api.localhost/hooks", "this server itself")]
    [InlineData("http://93.184.215.14/hooks", "only to https URLs")]
    [InlineData("https://user:secret@93.184.215.14/hooks", "user name and password")]
    [InlineData("ftp://93.184.215.14/hooks", "not an absolute https URL")]
    [InlineData("not a url", "not an absolute https URL")]
    public Task Registration_refuses_an_address_that_is_not_public_https(string url, string because) => AssertRefusedAsync(url, because);

    [Fact]
    public async Task Registration_refuses_a_name_that_resolves_to_this_machine()
    {
        var name = Dns.GetHostName();
        Assert.All(await Dns.GetHostAddressesAsync(name, Token), a => Assert.False(WebhookTargets.IsPublic(a), $"{name} resolves to the public {a} here"));

        await AssertRefusedAsync($"https://{name}/hooks", $"{name} resolves to ");
    }

    [Fact]
    public async Task A_public_address_is_registered()
    {
        var change = await TryRegisterAsync("https://93.184.215.14/hooks");

        Assert.True(change.Succeeded, change.Problem);
    }

    [Fact]
    public async Task A_name_that_resolves_privately_by_the_time_of_sending_is_refused_before_connecting()
    {
        var port = Receiver.Address.Port;
        var byName = await AddRegisteredEarlierAsync($"https://{Dns.GetHostName()}:{port}/hooks");
        var byAddress = await AddRegisteredEarlierAsync($"https://127.0.0.1:{port}/hooks");
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(1_000_000));

        Assert.Equal(new WebhookRun(0, 2, 0), await DeliverAsync());

        Assert.Equal(0, Receiver.Connections);
        var refusedByName = Assert.Single(Assert.Single(await LogAsync(byName)).Attempts);
        Assert.StartsWith("Not sent: ", refusedByName.Response, StringComparison.Ordinal);
        Assert.Contains($"{Dns.GetHostName()} resolves to ", refusedByName.Response, StringComparison.Ordinal);
        var refusedByAddress = Assert.Single(Assert.Single(await LogAsync(byAddress)).Attempts);
        Assert.Contains("127.0.0.1 is a private, loopback or reserved address", refusedByAddress.Response, StringComparison.Ordinal);
    }

    // As if registered while the rules allowed it (its name then resolving publicly): the row as registration writes it.
    private async Task<long> AddRegisteredEarlierAsync(string url)
    {
        await using var db = Database.NewContext();
        var endpoint = WebhookEndpoint.Register(Alice, WebhookAudience.User, url, "", [NoticeTypes.DepositCredited.Name],
            Database.Get<WebhookSecrets>().Create().Protected, Database.Time.GetUtcNow().UtcDateTime);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(Token);
        return endpoint.Id;
    }
}
