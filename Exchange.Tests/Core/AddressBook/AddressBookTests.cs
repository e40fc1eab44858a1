using Exchange.Core.Accounts;
using Exchange.Core.AddressBook;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.Notices;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Core.AddressBook;

/// <summary>
/// The withdrawal address book as Core applies it to every withdrawal, whichever page or endpoint
/// asks: a saved address is usable once its owner followed the mailed link and the delay after that
/// has passed; "only to saved addresses" refuses any other address at once and lets go of it only
/// after the delay; the link works once and only in time; addresses the exchange owns, spent ones and
/// mistyped ones never get into the book.
/// </summary>
[Integration]
public class AddressBookTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private const string AnnEmail = "ann@example.com";
    private const string Bob = "user-bob";
    private static readonly TimeSpan Delay = TimeSpan.FromHours(24);

    private EmulatorHost hub = null!;
    private CoreDatabase core = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private WithdrawalAddressBook Book => core.Get<WithdrawalAddressBook>();
    private AddressConfirmations Confirmations => core.Get<AddressConfirmations>();
    private SavedAddressesMode Mode => core.Get<SavedAddressesMode>();
    private AddressActivations Activations => core.Get<AddressActivations>();
    private DateTime Now => core.Time.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        hub = await EmulatorHost.StartAsync();
        core = await CoreDatabase.CreateAsync(hub: hub.BaseAddress, engine: Engine);
        await core.AddUserAsync(Ann, AnnEmail);
        await core.AddUserAsync(Bob, "bob@example.com");
        await core.FundAsync(Ann, 500_000_000);
    }

    public async ValueTask DisposeAsync()
    {
        await core.DisposeAsync();
        await hub.DisposeAsync();
    }

    private Task<AddressBookResult> AddAsync(string? address = TestAddresses.Payout, string? label = "Ledger", string user = Ann, string? code = null) =>
        Book.AddAsync(new AddressBookAddition(user, CoinSymbols.Iota, address, label, code), Token);

    private async Task<AddressBookEntry> AddedAsync(string address = TestAddresses.Payout, string label = "Ledger", string user = Ann)
    {
        var added = await AddAsync(address, label, user);
        Assert.True(added.Succeeded, string.Join(" ", added.Problems.Select(p => p.Message)));
        return added.Entry!;
    }

    /// <summary>The token of the confirmation link in the newest mail of an addition to <paramref name="to"/>.</summary>
    private async Task<string> ConfirmationTokenAsync(string to = AnnEmail)
    {
        var mail = (await core.MailsAfterDispatchAsync(to)).Last(m => m.Subject.StartsWith("New withdrawal address", StringComparison.Ordinal));
        return MailedLinks.TokenOf(mail.Link(AddressConfirmations.PagePath));
    }

    private async Task<AddressBookEntry> ConfirmedAsync(string address = TestAddresses.Payout, string label = "Ledger", string user = Ann, string to = AnnEmail)
    {
        await AddedAsync(address, label, user);
        var confirmed = await Confirmations.ConfirmAsync(await ConfirmationTokenAsync(to), Token);
        Assert.NotNull(confirmed.Entry?.ConfirmedAt);
        return confirmed.Entry!;
    }

    private Task<WithdrawalResult> WithdrawAsync(string? address = null, long? entry = null, string user = Ann) =>
        core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest(user, CoinSymbols.Iota, "1", address, AddressBookId: entry), Token);

    private static string Refusal(WithdrawalResult result)
    {
        var problem = Assert.Single(result.Problems);
        Assert.Equal(WithdrawalField.Address, problem.Field);
        return problem.Message;
    }

    [Fact]
    public async Task A_saved_address_is_usable_only_once_its_mailed_link_was_followed_and_the_delay_after_that_has_passed()
    {
        var entry = await AddedAsync();
        Assert.Equal("“Ledger” is not confirmed yet: follow the link in the mail sent when it was added.", Refusal(await WithdrawAsync(entry: entry.Id)));

        core.Time.Advance(TimeSpan.FromMinutes(10));
        var confirmedAt = Now;
        var confirmed = await Confirmations.ConfirmAsync(await ConfirmationTokenAsync(), Token);
        Assert.Equal((confirmedAt, confirmedAt + Delay), (confirmed.Entry!.ConfirmedAt, confirmed.Entry.ActiveFrom));
        Assert.Equal($"“Ledger” can be used from {confirmedAt + Delay:yyyy-MM-dd HH:mm} UTC.", Refusal(await WithdrawAsync(entry: entry.Id)));

        core.Time.Advance(Delay - TimeSpan.FromSeconds(1));
        Assert.False((await WithdrawAsync(entry: entry.Id)).Succeeded);
        core.Time.Advance(TimeSpan.FromSeconds(1));
        var withdrawn = await WithdrawAsync(entry: entry.Id);

        Assert.True(withdrawn.Succeeded, string.Join(" ", withdrawn.Problems.Select(p => p.Message)));
        Assert.Equal(TestAddresses.Payout, withdrawn.Withdrawal!.Address);
        Assert.Single(await core.WithdrawalsAsync());
    }

    [Fact]
    public async Task With_only_saved_addresses_on_a_typed_address_is_refused_at_once_and_a_usable_saved_one_goes()
    {
        var saved = await ConfirmedAsync(TestAddresses.OtherPayout, "Cold wallet");
        Assert.True((await WithdrawAsync(TestAddresses.Payout)).Succeeded);

        Assert.Null(await Mode.TurnOnAsync(Ann, Token));

        Assert.Equal(SavedAddressRule.SavedOnly, Refusal(await WithdrawAsync(TestAddresses.Payout)));
        Assert.Equal($"“Cold wallet” can be used from {saved.ActiveFrom:yyyy-MM-dd HH:mm} UTC.", Refusal(await WithdrawAsync(TestAddresses.OtherPayout)));
        core.Time.Advance(Delay);
        Assert.True((await WithdrawAsync(TestAddresses.OtherPayout)).Succeeded);
        Assert.True((await WithdrawAsync(entry: saved.Id)).Succeeded);
        Assert.Equal(SavedAddressRule.SavedOnly, Refusal(await WithdrawAsync(TestAddresses.Payout)));
        Assert.Equal(3, (await core.WithdrawalsAsync()).Count);
    }

    [Fact]
    public async Task Turning_only_saved_addresses_off_takes_effect_only_after_the_delay_and_is_mailed_to_the_owner()
    {
        Assert.Null(await Mode.TurnOnAsync(Ann, Token));
        var askedAt = Now;

        Assert.Null(await Mode.TurnOffAsync(Ann, null, Token));

        Assert.Equal(new SavedAddressesState(true, askedAt + Delay), await Mode.StateAsync(Ann, Token));
        Assert.Equal(SavedAddressRule.SavedOnly, Refusal(await WithdrawAsync(TestAddresses.Payout)));
        core.Time.Advance(Delay - TimeSpan.FromSeconds(1));
        Assert.Equal(SavedAddressRule.SavedOnly, Refusal(await WithdrawAsync(TestAddresses.Payout)));
        core.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await WithdrawAsync(TestAddresses.Payout)).Succeeded);
        Assert.Equal(new SavedAddressesState(false, null), await Mode.StateAsync(Ann, Token));
        var told = Assert.Single(await core.MailsAfterDispatchAsync(AnnEmail), m => m.Subject.StartsWith("Withdrawals to any address again", StringComparison.Ordinal));
        Assert.Contains($"possible again from {askedAt + Delay:yyyy-MM-dd HH:mm} UTC", told.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_it_on_again_while_it_waits_to_go_off_keeps_it_on()
    {
        await Mode.TurnOnAsync(Ann, Token);
        await Mode.TurnOffAsync(Ann, null, Token);

        Assert.Null(await Mode.TurnOnAsync(Ann, Token));
        core.Time.Advance(Delay * 2);

        Assert.Equal(new SavedAddressesState(true, null), await Mode.StateAsync(Ann, Token));
        Assert.Equal(SavedAddressRule.SavedOnly, Refusal(await WithdrawAsync(TestAddresses.Payout)));
    }

    [Fact]
    public async Task Another_users_entry_cannot_be_withdrawn_to()
    {
        var bobs = await ConfirmedAsync(user: Bob, to: "bob@example.com");
        core.Time.Advance(Delay);

        Assert.Equal($"There is no entry {bobs.Id} in your address book.", Refusal(await WithdrawAsync(entry: bobs.Id)));
        Assert.Empty(await core.WithdrawalsAsync());
        Assert.False(await Book.RemoveAsync(Ann, bobs.Id, Token));
        Assert.Single(await Book.OfAsync(Bob, Token));
    }

    [Fact]
    public async Task A_confirmation_link_works_once()
    {
        await AddedAsync();
        var token = await ConfirmationTokenAsync();
        var first = await Confirmations.ConfirmAsync(token, Token);
        core.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await Confirmations.ConfirmAsync(token, Token);

        Assert.Equal(LinkState.Used, again.Link.State);
        Assert.Equal(LinkState.Used, (await Confirmations.CheckAsync(token, Token)).Link.State);
        Assert.Equal(first.Entry!.ActiveFrom, Assert.Single(await Book.OfAsync(Ann, Token)).ActiveFrom);
        Assert.Single(await Book.HistoryAsync(Ann, cancellationToken: Token), e => e.Change == AddressBookNotices.Confirmed);
    }

    [Fact]
    public async Task An_expired_confirmation_link_confirms_nothing()
    {
        await AddedAsync();
        var token = await ConfirmationTokenAsync();
        core.Time.Advance(TimeSpan.FromHours(1));

        var late = await Confirmations.ConfirmAsync(token, Token);

        Assert.Equal(LinkState.Expired, late.Link.State);
        Assert.Null(Assert.Single(await Book.OfAsync(Ann, Token)).ConfirmedAt);
        Assert.DoesNotContain(await Book.HistoryAsync(Ann, cancellationToken: Token), e => e.Change == AddressBookNotices.Confirmed);
    }

    [Fact]
    public async Task A_forged_or_altered_link_or_a_link_of_another_kind_confirms_nothing()
    {
        await AddedAsync();
        var token = await ConfirmationTokenAsync();
        var freezeLink = (await core.MailsAfterDispatchAsync(AnnEmail)).Last().Link(Exchange.Core.AccountFreeze.AccountFreezes.PagePath);

        string?[] forged = [LinkToken.Issue(LinkPurpose.ConfirmAddress, Ann, 1, Now, Delay).Token, token[..^1], token + "A", MailedLinks.TokenOf(freezeLink), "", null];
        foreach (var attempt in forged)
            Assert.Equal(LinkState.Unknown, (await Confirmations.ConfirmAsync(attempt, Token)).Link.State);

        Assert.Null(Assert.Single(await Book.OfAsync(Ann, Token)).ConfirmedAt);
        Assert.True((await Confirmations.ConfirmAsync(token, Token)).Link.IsValid);
    }

    [Fact]
    public async Task A_removed_address_cannot_be_confirmed_or_withdrawn_to_and_removing_needs_no_delay()
    {
        var entry = await AddedAsync();
        var token = await ConfirmationTokenAsync();

        Assert.True(await Book.RemoveAsync(Ann, entry.Id, Token));

        Assert.True((await Confirmations.ConfirmAsync(token, Token)).EntryRemoved);
        Assert.Equal($"There is no entry {entry.Id} in your address book.", Refusal(await WithdrawAsync(entry: entry.Id)));
        Assert.Empty(await Book.OfAsync(Ann, Token));
        Assert.Equal([AddressBookNotices.Removed, AddressBookNotices.Added], (await Book.HistoryAsync(Ann, cancellationToken: Token)).Select(e => e.Change));
    }

    [Fact]
    public async Task An_address_that_becomes_usable_is_announced_once_to_its_owner_in_the_app_and_by_mail()
    {
        var entry = await ConfirmedAsync();
        core.Time.Advance(Delay - TimeSpan.FromSeconds(1));

        Assert.Equal(0, (await Activations.RunAsync(Token)).Announced);
        Assert.Empty(await ActivationMailsAsync());

        core.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await Activations.RunAsync(Token)).Announced);
        Assert.Equal(0, (await Activations.RunAsync(Token)).Announced);

        var mail = Assert.Single(await ActivationMailsAsync());
        Assert.Equal("Withdrawal address now usable: Ledger — Exchange", mail.Subject);
        Assert.Contains($"“Ledger” (MIOTA {TestAddresses.Payout}) can be used for withdrawals since {entry.ActiveFrom:yyyy-MM-dd HH:mm} UTC.", mail.TextBody, StringComparison.Ordinal);
        Assert.NotEmpty(MailedLinks.TokenOf(mail.Link(Exchange.Core.AccountFreeze.AccountFreezes.PagePath)));
        var bell = await core.Get<NotificationInbox>().RecentAsync(Ann, cancellationToken: Token);
        Assert.Single(bell, n => n.Title == "Withdrawal address now usable: Ledger");
        Assert.Single(await Book.HistoryAsync(Ann, cancellationToken: Token), e => e.Change == AddressBookNotices.Activated);
        Assert.Empty(await core.MailsAfterDispatchAsync("bob@example.com"));
    }

    [Fact]
    public async Task An_address_removed_before_it_becomes_usable_is_never_announced()
    {
        var entry = await ConfirmedAsync();
        Assert.True(await Book.RemoveAsync(Ann, entry.Id, Token));
        core.Time.Advance(Delay);

        Assert.Equal(0, (await Activations.RunAsync(Token)).Announced);

        Assert.Empty(await ActivationMailsAsync());
        Assert.DoesNotContain(await Book.HistoryAsync(Ann, cancellationToken: Token), e => e.Change == AddressBookNotices.Activated);
    }

    [Fact]
    public async Task Two_runs_at_once_announce_each_address_exactly_once()
    {
        await ConfirmedAsync(TestAddresses.Payout, "Ledger");
        await ConfirmedAsync(TestAddresses.OtherPayout, "Cold wallet");
        core.Time.Advance(Delay);

        var runs = await Task.WhenAll(Task.Run(() => Activations.RunAsync(Token), Token), Task.Run(() => Activations.RunAsync(Token), Token));

        Assert.Equal(2, runs.Sum(r => r.Announced));
        Assert.Equal(["Withdrawal address now usable: Cold wallet — Exchange", "Withdrawal address now usable: Ledger — Exchange"],
            (await ActivationMailsAsync()).Select(m => m.Subject).Order());
    }

    private async Task<List<Exchange.Core.Email.OutboundEmail>> ActivationMailsAsync() =>
        [.. (await core.MailsAfterDispatchAsync(AnnEmail)).Where(m => m.Subject.StartsWith("Withdrawal address now usable", StringComparison.Ordinal))];

    [Fact]
    public async Task A_mistyped_checksum_is_refused_when_the_address_is_added()
    {
        var mistyped = TestAddresses.Payout[..^1] + (TestAddresses.Payout[^1] == 'A' ? 'B' : 'A');

        await AssertRefusedAsync(mistyped, "The checksum does not match: check the address for typos.");
    }

    [Fact]
    public async Task A_deposit_address_of_the_exchange_is_refused_when_added()
    {
        var issued = await core.Get<DepositAddressService>().RequestAsync(Bob, Token);

        await AssertRefusedAsync(issued.Address!.Address, "This is one of this exchange's own deposit addresses; withdraw to an address of your own wallet.");
    }

    [Fact]
    public async Task An_address_the_hot_wallet_holds_in_hub_is_refused_when_added()
    {
        var hubClient = core.Get<IHubClient>();
        await hubClient.CreateUserAsync("user-hot-wallet", Token);
        var hotWallet = await hubClient.GetDepositAddressAsync("user-hot-wallet", Token);

        await AssertRefusedAsync(hotWallet, "This is one of this exchange's own addresses in IOTA Hub; save an address of your own wallet.");
    }

    [Fact]
    public async Task An_address_already_spent_from_is_refused_when_added()
    {
        await hub.ControlAsync("spent", new { address = TestAddresses.OtherPayout });

        await AssertRefusedAsync(TestAddresses.OtherPayout,
            "This address was already spent from. An IOTA address must never receive again after a spend (what arrives there can be stolen): use a new address of your wallet.");
    }

    [Theory]
    [InlineData(null, "Give the address a label, e.g. the wallet it belongs to.")]
    [InlineData("   ", "Give the address a label, e.g. the wallet it belongs to.")]
    [InlineData("123456789012345678901234567890123456789012345678901", "A label can be at most 50 characters.")]
    [InlineData("Ledger\nPay here", "A label cannot contain line breaks, tabs or other invisible control characters.")]
    [InlineData("Ledger\u202Etellaw", "A label cannot contain line breaks, tabs or other invisible control characters.")]
    public async Task A_bad_label_gets_its_own_message_and_adds_nothing(string? label, string message)
    {
        var refused = await AddAsync(label: label);

        Assert.Equal(new AddressBookProblem(AddressBookField.Label, message), Assert.Single(refused.Problems));
        Assert.Empty(await Book.OfAsync(Ann, Token));
    }

    [Fact]
    public async Task A_duplicate_gets_its_own_message_and_adds_nothing()
    {
        await AddedAsync(label: "Ledger");

        var again = await AddAsync(label: "Other name");

        Assert.Equal(new AddressBookProblem(AddressBookField.Address, "This address is in your book already, as “Ledger”."), Assert.Single(again.Problems));
        Assert.Single(await Book.OfAsync(Ann, Token));
        Assert.Single(await Book.HistoryAsync(Ann, cancellationToken: Token));
    }

    [Fact]
    public async Task Adding_an_address_takes_the_current_two_factor_code_when_two_factor_is_on()
    {
        var key = await core.EnableTwoFactorAsync(Ann);

        var withoutCode = await AddAsync();
        var withCode = await AddAsync(code: Totp.Next(key, core.Time));

        Assert.Equal(AddressBookField.TwoFactorCode, Assert.Single(withoutCode.Problems).Field);
        Assert.True(withCode.Succeeded);
        Assert.Single(await Book.OfAsync(Ann, Token));
    }

    private async Task AssertRefusedAsync(string address, string message)
    {
        var refused = await AddAsync(address);

        Assert.Equal(new AddressBookProblem(AddressBookField.Address, message), Assert.Single(refused.Problems));
        Assert.Empty(await Book.OfAsync(Ann, Token));
        await using var db = core.NewContext();
        Assert.Equal(0, await db.Notices.CountAsync(Token));
    }
}

public sealed class AddressBookOnPostgreSqlTests : AddressBookTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
