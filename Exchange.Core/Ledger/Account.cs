namespace Exchange.Core.Ledger;

/// <summary>
/// A user's balance in one coin. Changed only by <see cref="LedgerService"/>, which writes a
/// <see cref="LedgerEntry"/> for every change, so that both columns always equal the sum of the
/// account's entries.
/// </summary>
public sealed class Account
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Coin { get; private set; } = "";

    /// <summary>Free to withdraw or trade.</summary>
    public long Available { get; private set; }

    /// <summary>Held for withdrawals that are not finished yet.</summary>
    public long Reserved { get; private set; }

    public long Total => Available + Reserved;

    private Account() { }

    internal static Account Open(string userId, string coin) => new() { UserId = userId, Coin = coin };
}
