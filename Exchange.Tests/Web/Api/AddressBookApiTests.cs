using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Accounts;
using Exchange.Core.AddressBook;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Api;

/// <summary>
/// /api/v1/address-book and withdrawals by <c>addressBookId</c>, over the same Core rules as the page:
/// a <c>read</c> key lists, a <c>withdraw</c> key adds (with the two-factor code when two-factor is on)
/// and removes; an entry is usable once confirmed by its mailed link (here without a delay after it).
/// </summary>
[Integration]
public class AddressBookApiTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private readonly ExchangeAppFactory app = new() { Settings = { ["AddressBook:ActivationDelay"] = "00:00:00", ["Notices:DispatchInterval"] = "00:00:00.500", ["Notices:EmailInterval"] = "00:00:00.500" } };
    private HttpClient alice = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync(Alice);
        await app.Services.GetRequiredService<LedgerService>().ApplyAsync(LedgerChange.Manual(await app.UserIdAsync(Alice), CoinSymbols.Iota, 100_000_000, "ops", "Test funds"), Token);
        alice = await KeyClientAsync(Alice, ApiKeyScopes.Read, ApiKeyScopes.Withdraw);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<HttpClient> KeyClientAsync(string email, params string[] scopes)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", await app.ApiKeyAsync(email, scopes));
        return client;
    }

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, string address = TestAddresses.Payout, string label = "Ledger", string? twoFactorCode = null) =>
        client.PostAsJsonAsync("/api/v1/address-book", new { coin = CoinSymbols.Iota, address, label, twoFactorCode }, Token);

    private static Task<HttpResponseMessage> WithdrawAsync(HttpClient client, long addressBookId) =>
        client.PostAsJsonAsync("/api/v1/withdrawals", new { coin = CoinSymbols.Iota, amount = "2", addressBookId }, Token);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;

    private async Task ConfirmFromTheMailAsync(string to = Alice)
    {
        var link = (await app.ReceivedAsync(to, "New withdrawal address")).PathTo(AddressConfirmations.PagePath);
        Assert.True((await app.Services.GetRequiredService<AddressConfirmations>().ConfirmAsync(MailedLinks.TokenOf(link), Token)).Link.IsValid);
    }

    [Fact]
    public async Task A_withdraw_key_adds_an_address_withdraws_to_it_by_id_once_confirmed_and_removes_it()
    {
        var added = await AddAsync(alice);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await JsonAsync(added)).GetProperty("id").GetInt64();
        Assert.Equal("AwaitingConfirmation", (await JsonAsync(added)).GetProperty("status").GetString());

        var early = await WithdrawAsync(alice, id);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("“Ledger” is not confirmed yet: follow the link in the mail sent when it was added.",
            (await JsonAsync(early)).GetProperty("errors").GetProperty("address")[0].GetString());

        await ConfirmFromTheMailAsync();
        var book = await JsonAsync(await alice.GetAsync("/api/v1/address-book", Token));
        Assert.Equal(("Active", false), (book.GetProperty("entries")[0].GetProperty("status").GetString(), book.GetProperty("onlySavedAddresses").GetBoolean()));
        var withdrawn = await WithdrawAsync(alice, id);
        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        Assert.Equal(TestAddresses.Payout, (await JsonAsync(withdrawn)).GetProperty("address").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/address-book/{id}", Token)).StatusCode);
        Assert.Equal(0, (await JsonAsync(await alice.GetAsync("/api/v1/address-book", Token))).GetProperty("entries").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.DeleteAsync($"/api/v1/address-book/{id}", Token)).StatusCode);
    }

    [Fact]
    public async Task A_read_key_lists_the_book_but_cannot_add_or_remove()
    {
        var id = (await JsonAsync(await AddAsync(alice))).GetProperty("id").GetInt64();
        var reader = await KeyClientAsync(Alice, ApiKeyScopes.Read);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/address-book", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync(reader, TestAddresses.OtherPayout)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/v1/address-book/{id}", Token)).StatusCode);
        Assert.Single(await app.Services.GetRequiredService<WithdrawalAddressBook>().OfAsync(await app.UserIdAsync(Alice), Token));
    }

    [Fact]
    public async Task Another_users_entry_is_refused_and_bad_input_gets_a_message_per_field()
    {
        await app.CreateAsync("bob@example.com");
        var bob = await KeyClientAsync("bob@example.com", ApiKeyScopes.Read, ApiKeyScopes.Withdraw);
        var bobsEntry = (await JsonAsync(await AddAsync(bob))).GetProperty("id").GetInt64();
        await ConfirmFromTheMailAsync("bob@example.com");

        var refused = await WithdrawAsync(alice, bobsEntry);
        var badInput = await AddAsync(alice, TestAddresses.Payout[..^1] + "9", "Ledger\tbis");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"There is no entry {bobsEntry} in your address book.", (await JsonAsync(refused)).GetProperty("errors").GetProperty("address")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badInput.StatusCode);
        var errors = (await JsonAsync(badInput)).GetProperty("errors");
        Assert.Equal("A label cannot contain line breaks, tabs or other invisible control characters.", errors.GetProperty("label")[0].GetString());
        Assert.Equal("The checksum does not match: check the address for typos.", errors.GetProperty("address")[0].GetString());
    }

    [Fact]
    public async Task Adding_with_two_factor_on_needs_the_current_code()
    {
        var key = await app.EnableTwoFactorAsync(Alice);
        // Turning two-factor on revoked the keys made before it.
        var client = await KeyClientAsync(Alice, ApiKeyScopes.Read, ApiKeyScopes.Withdraw);

        var withoutCode = await AddAsync(client);
        var withCode = await AddAsync(client, twoFactorCode: Totp.Next(key));

        Assert.Equal(HttpStatusCode.Forbidden, withoutCode.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withCode.StatusCode);
    }
}
