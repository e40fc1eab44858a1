using Bunit;
using Exchange.Core.Coins;
using Exchange.Core.Events;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Dashboard;
using Exchange.Web.Components.Pages.Withdraw;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Dashboard;

/// <summary>Components over the real Core services and database: live re-render on events, the withdraw form's messages.</summary>
public class LiveDashboardTests : CoreComponentTest
{
    protected override void ConfigureCore(IServiceCollection services) =>
        services.Configure<WithdrawalSecurityOptions>(o => o.TwoFactorRequiredAboveUsd = 1m);

    [Fact]
    public async Task The_balance_sheet_re_renders_when_a_balance_changed_event_arrives()
    {
        var sheet = Render<BalanceSheet>(p => p.Add(s => s.UserId, "alice"));
        sheet.WaitForAssertion(() => Assert.Equal("0 MIOTA", sheet.Find("td[data-coin='MIOTA'] ~ td[data-field='available']").TextContent));

        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 3_000_000, "bundle", "e1"), Token);
        Core.Get<IExchangeEvents>().Publish(new BalanceChanged("alice", CoinSymbols.Iota));

        sheet.WaitForAssertion(() => Assert.Equal("3 MIOTA", sheet.Find("td[data-coin='MIOTA'] ~ td[data-field='available']").TextContent));
    }

    [Fact]
    public async Task Another_users_events_do_not_touch_the_sheet()
    {
        var sheet = Render<BalanceSheet>(p => p.Add(s => s.UserId, "alice"));
        sheet.WaitForAssertion(() => sheet.Find("#balances"));
        var renders = sheet.RenderCount;

        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("bob", CoinSymbols.Iota, 1, "bundle", "e2"), Token);
        Core.Get<IExchangeEvents>().Publish(new BalanceChanged("bob", CoinSymbols.Iota));
        await Task.Delay(200, Token);

        Assert.Equal(renders, sheet.RenderCount);
    }

    [Fact]
    public async Task Above_the_configured_value_a_user_without_two_factor_is_asked_to_turn_it_on_and_nothing_is_withdrawn()
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 5_000_000, "bundle", "funds"), Token);
        Render<MudBlazor.MudPopoverProvider>();
        var form = Render<WithdrawForm>(p => p.Add(f => f.UserId, "alice"));

        await form.FindAll("input")[1].InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "4" });
        await form.FindAll("input")[2].InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = TestAddresses.Payout });
        await form.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Withdrawals worth more than $1.00 in 24 hours need two-factor authentication", form.Markup));
        Assert.Empty(await Core.Get<WithdrawalQueries>().ForUserAsync("alice", cancellationToken: Token));
    }

    public static TheoryData<string, string?, string> BadInputs() => new()
    {
        { "abc", null, "'abc' is not a number." },
        { "1,5", null, "Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA)." },
        { "-1", null, "The amount must be positive." },
        { "0", null, "The amount must be more than zero." },
        { "0.0000001", null, "MIOTA has at most 6 decimals." },
        { "0.0001", null, "The smallest withdrawal is 0.001 MIOTA." },
        { "6", null, "You have 5 MIOTA available." },
        { "1", "TOOSHORT", "An IOTA address has 90 characters (81 + 9 checksum); this one has 8." },
        { "1", "iota://X", "iota:// links are not accepted; paste the 90-character address only." },
        { "1", "A" + TestAddresses.Payout[1..], "The checksum does not match: check the address for typos." },
        { "1", TestAddresses.Payout[..81], "This address has no checksum: paste all 90 characters (81 + 9 checksum) so typos can be caught." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task The_withdraw_form_shows_the_exact_reason_for_each_bad_input(string amount, string? address, string message)
    {
        await Core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit("alice", CoinSymbols.Iota, 5_000_000, "bundle", "funds"), Token);
        Render<MudBlazor.MudPopoverProvider>();
        var form = Render<WithdrawForm>(p => p.Add(f => f.UserId, "alice"));

        var fields = form.FindAll("input");
        await fields[1].InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = amount });
        if (address is not null) await form.FindAll("input")[2].InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = address });

        form.WaitForAssertion(() => Assert.Contains(message, form.Markup));
    }
}
