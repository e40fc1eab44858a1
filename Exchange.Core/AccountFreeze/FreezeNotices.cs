using System.Globalization;
using Exchange.Core.Notices;

namespace Exchange.Core.AccountFreeze;

/// <summary>What the owner (<c>account.frozen</c>) and the operators (<c>user.frozen</c>) are told of a freeze.</summary>
public static class FreezeNotices
{
    public static NoticeText DescribeForOwner(NoticeData d) => new("Your account is frozen",
        $"“This wasn't me” was pressed in a mail we sent you{At(d)}: withdrawals from your account are frozen, every session was signed out and every API key revoked. "
        + "Sign in again, and change your password if someone else may know it; an operator checks your account and lifts the freeze.", "/Identity/Account/Manage");

    public static NoticeText DescribeForOperators(NoticeData d) => new($"Account frozen by its owner: {d["email"]}",
        $"{d["email"]} pressed “This wasn't me” in the mail “{d["mail"] ?? "a security mail"}”: withdrawals are locked (approved ones are held), every session "
        + $"was signed out and {d["keys"] ?? "0"} API key(s) revoked. Check the account, its address book and its held withdrawals, then unlock its withdrawals.",
        $"/operator/users/{d["user"]}");

    private static string At(NoticeData d) =>
        DateTime.TryParse(d["at"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? $" (at {at:yyyy-MM-dd HH:mm} UTC)" : "";
}
