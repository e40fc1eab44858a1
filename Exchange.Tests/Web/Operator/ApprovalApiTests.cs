using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Operator;

/// <summary>Four eyes over the operator API: a large adjustment waits for a second operator, with codes and idempotency keys in headers.</summary>
[Integration]
public class ApprovalApiTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new();
    private HttpClient first = null!, second = null!, user = null!;
    private string firstKey = "", secondKey = "", firstId = "", userId = "";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("user@example.com");
        await app.CreateAsync("ops@example.com", isOperator: true);
        await app.CreateAsync("second@example.com", isOperator: true);
        userId = await app.UserIdAsync("user@example.com");
        firstId = await app.UserIdAsync("ops@example.com");
        // Before the keys: turning two-factor on revokes the keys made until then.
        firstKey = await app.EnableTwoFactorAsync("ops@example.com");
        secondKey = await app.EnableTwoFactorAsync("second@example.com");
        (first, second, user) = (await KeyClientAsync("ops@example.com"), await KeyClientAsync("second@example.com"), await KeyClientAsync("user@example.com"));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<HttpClient> KeyClientAsync(string email)
    {
        var secret = await app.ApiKeyAsync(email, [.. ApiKeyScopes.All]);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? code, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (code is not null) request.Headers.Add("X-Two-Factor-Code", code);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, Token);
    }

    private Task<HttpResponseMessage> CreditAsync(string target, string amount, string idempotencyKey) =>
        PostAsync(first, $"/api/v1/operator/users/{target}/adjustments", new { coin = "BTC", direction = "Credit", amount, reason = "Refund of ticket 9" },
            Totp.Next(firstKey), idempotencyKey);

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString();

    private async Task<long> BtcAsync() =>
        (await user.GetFromJsonAsync<JsonElement>("/api/v1/balances", Token)).EnumerateArray()
            .SingleOrDefault(b => b.GetProperty("coin").GetString() == "BTC") is { ValueKind: JsonValueKind.Object } b ? b.GetProperty("available").GetInt64() : 0;

    [Fact]
    public async Task An_operator_crediting_their_own_account_through_the_api_is_refused()
    {
        var own = await CreditAsync(firstId, "0.01", "own-1");

        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal(UserAdministration.OwnBalance, await DetailAsync(own));
    }

    [Fact]
    public async Task A_large_credit_waits_for_a_second_operator_who_approves_it_through_the_api()
    {
        var asked = await CreditAsync(userId, "1", "form-1"); // 1 BTC: 10,100 USD
        var repeated = await CreditAsync(userId, "1", "form-1");

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeated.StatusCode);
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("requestId").GetInt64();
        var pending = Assert.Single((await second.GetFromJsonAsync<JsonElement>("/api/v1/operator/approvals", Token)).EnumerateArray());
        Assert.Equal((id, "ops@example.com", userId), (pending.GetProperty("id").GetInt64(), pending.GetProperty("requesterEmail").GetString(), pending.GetProperty("userId").GetString()));
        Assert.Equal(0, await BtcAsync());

        var own = await PostAsync(first, $"/api/v1/operator/approvals/{id}/approve", new { reason = "Mine" }, Totp.Next(firstKey));
        var noCode = await PostAsync(second, $"/api/v1/operator/approvals/{id}/approve", new { reason = "Checked" }, null);
        var approved = await PostAsync(second, $"/api/v1/operator/approvals/{id}/approve", new { reason = "Checked the ticket" }, Totp.Next(secondKey));
        var again = await PostAsync(second, $"/api/v1/operator/approvals/{id}/approve", new { reason = "Checked the ticket" }, Totp.Next(secondKey));

        Assert.Equal((HttpStatusCode.BadRequest, ApprovalQueue.OwnRequest), (own.StatusCode, await DetailAsync(own)));
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(100_000_000, await BtcAsync());
        Assert.Empty((await second.GetFromJsonAsync<JsonElement>("/api/v1/operator/approvals", Token)).EnumerateArray());
    }

    [Fact]
    public async Task A_second_operator_rejects_a_large_credit_with_a_reason_and_nothing_is_credited()
    {
        var asked = await CreditAsync(userId, "1", "form-2");
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("requestId").GetInt64();

        var rejected = await PostAsync(second, $"/api/v1/operator/approvals/{id}/reject", new { reason = "No ticket" }, Totp.Next(secondKey));

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(0, await BtcAsync());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ApprovalQueue>().PendingAsync(Token));
    }

    [Fact]
    public async Task An_operator_credited_by_another_cannot_approve_that_credit_through_the_api()
    {
        var asked = await CreditAsync(await app.UserIdAsync("second@example.com"), "1", "form-3");
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("requestId").GetInt64();

        var own = await PostAsync(second, $"/api/v1/operator/approvals/{id}/approve", new { reason = "Mine after all" }, Totp.Next(secondKey));

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, ApprovalQueue.OwnBalance), (own.StatusCode, await DetailAsync(own)));
        Assert.Single((await second.GetFromJsonAsync<JsonElement>("/api/v1/operator/approvals", Token)).EnumerateArray());
    }

    [Fact]
    public async Task A_lower_coin_price_is_listed_through_the_api_with_before_and_after_and_applied_when_a_second_operator_approves_it()
    {
        var asked = await app.Services.GetRequiredService<CoinSettings>().UpdateAsync(new OperatorCredentials(firstId, Totp.Next(firstKey)), CoinSymbols.Iota,
            new CoinRules("0.2", "0.001", "1000", "100", "4000"), Token);

        var pending = Assert.Single((await second.GetFromJsonAsync<JsonElement>("/api/v1/operator/approvals", Token)).EnumerateArray());
        var change = Assert.Single(pending.GetProperty("changes").EnumerateArray());
        Assert.Equal((asked.RequestId, "price", "$0.27", "$0.2"),
            ((long?)pending.GetProperty("id").GetInt64(), change.GetProperty("setting").GetString(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        var approved = await PostAsync(second, $"/api/v1/operator/approvals/{asked.RequestId}/approve", new { reason = "Market price" }, Totp.Next(secondKey));

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(0.2m, (await app.Services.GetRequiredService<CoinSettings>().AllAsync(Token)).Single(c => c.Symbol == CoinSymbols.Iota).UsdPrice);
    }

    [Fact]
    public async Task A_withdrawal_through_the_api_after_a_manual_credit_waits_for_review_and_the_crediting_operator_cannot_approve_it()
    {
        var credited = await PostAsync(first, $"/api/v1/operator/users/{userId}/adjustments", new { coin = "MIOTA", direction = "Credit", amount = "10", reason = "Goodwill" },
            Totp.Next(firstKey), "form-4");

        var withdrawn = await user.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "5", address = TestAddresses.Payout }, Token);
        var withdrawal = await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Token);
        var byCreditor = await PostAsync(first, $"/api/v1/operator/withdrawals/{withdrawal.GetProperty("id").GetInt64()}/approve", new { reason = "Fine" }, Totp.Next(firstKey));

        Assert.Equal(HttpStatusCode.OK, credited.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        Assert.Equal("AwaitingApproval", withdrawal.GetProperty("state").GetString());
        Assert.StartsWith("An operator credited your account by hand lately, so until ", withdrawal.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, ManualCreditReview.OwnCredit), (byCreditor.StatusCode, await DetailAsync(byCreditor)));
    }
}
