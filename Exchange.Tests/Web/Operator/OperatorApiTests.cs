using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Coins;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Operator;

/// <summary>
/// /api/v1/operator and the audit CSV over HTTP: what an operator does there reaches users and the
/// audit log. Each test has an exchange of its own: every write takes a fresh two-factor code, and
/// one operator's codes shared by the class would run past the authenticator's window and wait for the clock.
/// </summary>
[Integration]
public class OperatorApiTests : IAsyncLifetime
{
    private readonly OperatorAccessFixture access = new();

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => access.InitializeAsync();

    public ValueTask DisposeAsync() => access.DisposeAsync();

    [Fact]
    public async Task A_manual_credit_through_the_api_reaches_the_users_balance_and_the_audit_csv()
    {
        var credited = await AdjustAsync(new { coin = "BTC", direction = "Credit", amount = "0.05", reason = "Refund of a \"duplicate\" fee, =SUM(A1)" }, "key-1");
        var repeated = await AdjustAsync(new { coin = "BTC", direction = "Credit", amount = "0.05", reason = "Refund of a \"duplicate\" fee, =SUM(A1)" }, "key-1");
        var missingReason = await AdjustAsync(new { coin = "BTC", direction = "Credit", amount = "1", reason = "" }, "key-2");

        Assert.Equal(HttpStatusCode.OK, credited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Equal("A manual adjustment needs a reason; the user sees it in their history.",
            (await missingReason.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        var balances = await access.UserKey.GetFromJsonAsync<JsonElement>("/api/v1/balances", Token);
        Assert.Equal(5_000_000, balances.EnumerateArray().Single(b => b.GetProperty("coin").GetString() == "BTC").GetProperty("available").GetInt64());
        var csv = await access.OperatorCookie.GetStringAsync("/operator/audit.csv?action=Manual", Token);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("time_utc,operator,action,subject,before,after,reason", lines[0]);
        Assert.Contains(",\"ops@example.com\",\"Manual adjustment\",\"user user@example.com\",\"0 BTC available\",\"0.05 BTC available\",\"Refund of a \"\"duplicate\"\" fee, =SUM(A1)\"", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    private async Task<HttpResponseMessage> AdjustAsync(object body, string idempotencyKey, string? userId = null, string? code = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/operator/users/{userId ?? access.UserId}/adjustments") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Two-Factor-Code", code ?? Totp.Next(access.OperatorTwoFactorKey));
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await access.OperatorKey.SendAsync(request, Token);
    }

    [Fact]
    public async Task A_lock_reason_over_the_limit_is_refused_through_the_api_and_the_longest_one_is_stored_whole()
    {
        var url = $"/api/v1/operator/users/{access.UserId}/withdrawal-lock";
        var longest = new string('r', Exchange.Core.Limits.OperatorReason);

        var tooLong = await access.OperatorKey.PutAsJsonAsync(url, new { reason = longest + "r", twoFactorCode = Totp.Next(access.OperatorTwoFactorKey) }, Token);
        var lockedAfterRefusal = (await access.App.Services.GetRequiredService<Exchange.Core.Accounts.UserDirectory>().FindAsync(access.UserId, Token))!.WithdrawalsLocked;
        var locked = await access.OperatorKey.PutAsJsonAsync(url, new { reason = longest, twoFactorCode = Totp.Next(access.OperatorTwoFactorKey) }, Token);
        var user = (await access.App.Services.GetRequiredService<Exchange.Core.Accounts.UserDirectory>().FindAsync(access.UserId, Token))!;
        using var unlock = new HttpRequestMessage(HttpMethod.Delete, url);
        unlock.Headers.Add("X-Two-Factor-Code", Totp.Next(access.OperatorTwoFactorKey));
        Assert.Equal(HttpStatusCode.OK, (await access.OperatorKey.SendAsync(unlock, Token)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal($"A reason can be at most {Exchange.Core.Limits.OperatorReason} characters.",
            (await tooLong.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        Assert.False(lockedAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(longest, user.WithdrawalsLockedReason);
    }

    [Fact]
    public async Task A_withdrawal_awaiting_approval_is_approved_through_the_api_only_with_a_reason()
    {
        await access.App.Services.GetRequiredService<Exchange.Core.Ledger.LedgerService>().ApplyAsync(
            Exchange.Core.Ledger.LedgerChange.Manual(access.UserId, CoinSymbols.Iota, 300_000_000, "ops", "Test funds"), Token);
        var requested = await access.App.Services.GetRequiredService<UserWithdrawalCommands>().RequestAsync(
            new WithdrawalRequest(access.UserId, CoinSymbols.Iota, "150", TestAddresses.Payout), Token);
        var id = requested.Withdrawal!.Id;
        var queue = await access.OperatorKey.GetFromJsonAsync<JsonElement>("/api/v1/operator/withdrawals?state=AwaitingApproval", Token);
        Assert.Contains(queue.EnumerateArray(), w => w.GetProperty("id").GetInt64() == id);

        var withoutReason = await ApproveAsync(id, " ", Totp.Next(access.OperatorTwoFactorKey));
        var withoutCode = await ApproveAsync(id, "Verified by phone", null);
        var stillWaiting = await access.UserKey.GetFromJsonAsync<JsonElement>($"/api/v1/withdrawals/{id}", Token);
        var approved = await ApproveAsync(id, "Verified by phone", Totp.Next(access.OperatorTwoFactorKey));
        var again = await ApproveAsync(id, "Verified by phone", Totp.Next(access.OperatorTwoFactorKey));

        Assert.Equal(HttpStatusCode.Conflict, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutCode.StatusCode);
        var problem = await withoutCode.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(("Two-factor code needed", "Enter the current code from your authenticator app."),
            (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(nameof(WithdrawalState.AwaitingApproval), stillWaiting.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var seenByUser = await access.UserKey.GetFromJsonAsync<JsonElement>($"/api/v1/withdrawals/{id}", Token);
        Assert.Equal(nameof(WithdrawalState.Approved), seenByUser.GetProperty("state").GetString());
        var unknownState = await access.OperatorKey.GetAsync("/api/v1/operator/withdrawals?state=Lost", Token);
        Assert.Equal(HttpStatusCode.BadRequest, unknownState.StatusCode);
    }

    private Task<HttpResponseMessage> ApproveAsync(long id, string reason, string? code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/operator/withdrawals/{id}/approve") { Content = JsonContent.Create(new { reason }) };
        if (code is not null) request.Headers.Add("X-Two-Factor-Code", code);
        return access.OperatorKey.SendAsync(request, Token);
    }
}
