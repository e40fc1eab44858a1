using Bunit;
using Exchange.Core.AddressBook;
using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Users;

namespace Exchange.Tests.Web.Operator;

/// <summary>A user's withdrawal address book on the operator's user page: the mode, each entry and where it stands, and the history of changes, following them live.</summary>
public class UserAddressBookTests : CoreComponentTest
{
    private const string Ann = "user-ann";
    private const string AnnEmail = "ann@example.com";

    protected override bool WithHub => true;

    protected override Task SeedAsync() => Core.AddUserAsync(Ann, AnnEmail);

    [Fact]
    public async Task The_operator_sees_the_users_entries_where_each_stands_and_every_change_and_the_view_follows_new_changes()
    {
        var book = Core.Get<WithdrawalAddressBook>();
        var kept = await book.AddAsync(new AddressBookAddition(Ann, CoinSymbols.Iota, TestAddresses.Payout, "Ledger", null), Token);
        Assert.True(kept.Succeeded);
        var mail = (await Core.MailsAfterDispatchAsync(AnnEmail)).Last(m => m.Subject.StartsWith("New withdrawal address", StringComparison.Ordinal));
        Assert.NotNull((await Core.Get<AddressConfirmations>().ConfirmAsync(MailedLinks.TokenOf(mail.Link(AddressConfirmations.PagePath)), Token)).Entry?.ConfirmedAt);

        var view = Render<UserAddressBook>(p => p.Add(b => b.UserId, Ann));

        view.WaitForAssertion(() =>
        {
            var row = view.Find($"[data-entry='{kept.Entry!.Id}']");
            Assert.Contains("Ledger", row.TextContent, StringComparison.Ordinal);
            Assert.Contains(TestAddresses.Payout, row.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("not confirmed", row.TextContent, StringComparison.Ordinal);
            Assert.Equal([AddressBookNotices.Confirmed, AddressBookNotices.Added], view.FindAll("[data-change]").Select(c => c.GetAttribute("data-change")));
        });
        Assert.Contains("Only to saved addresses: off", view.Find("[data-field='user-saved-only']").TextContent, StringComparison.Ordinal);

        Assert.True(await book.RemoveAsync(Ann, kept.Entry!.Id, Token));

        view.WaitForAssertion(() =>
        {
            Assert.Empty(view.FindAll($"[data-entry='{kept.Entry!.Id}']"));
            Assert.Equal(AddressBookNotices.Removed, view.FindAll("[data-change]")[0].GetAttribute("data-change"));
            Assert.Contains("removed", view.FindAll("[data-change]")[0].TextContent, StringComparison.Ordinal);
        });
    }
}
