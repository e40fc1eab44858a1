using static Exchange.Core.Proofs.ProofHashing;

namespace Exchange.Core.Proofs;

/// <summary>
/// The users one snapshot covers, as its ledger read found them, in flat arrays: per user the
/// member id and nonce that key the leaf, and one balance per coin (available + reserved, in the
/// snapshot's coin order). Coins are never netted against each other: a user owing in any coin
/// is left out and counted in <see cref="Owing"/>. No such state exists today (an account's
/// available and reserved cannot go below zero); the rule is here for the day one could.
/// </summary>
internal sealed class MemberBalances(int coins)
{
    private const int FirstCapacity = 1024;
    private long[] memberIds = new long[FirstCapacity];
    private byte[] nonces = new byte[FirstCapacity * NonceSize];
    private ulong[] balances = new ulong[FirstCapacity * coins];
    private readonly List<(int Member, string UserId)> unregistered = [];

    public int Coins => coins;

    public int Count { get; private set; }

    /// <summary>Users left out of the snapshot because they owe money in some coin.</summary>
    public int Owing { get; private set; }

    /// <summary>Users who had no member row (no nonce) when the ledger was read: new since the nonces were made.</summary>
    public IReadOnlyList<(int Member, string UserId)> Unregistered => unregistered;

    public long MemberId(int member) => memberIds[member];

    public ReadOnlySpan<byte> Nonce(int member) => nonces.AsSpan(member * NonceSize, NonceSize);

    public ReadOnlySpan<ulong> Balances(int member) => balances.AsSpan(member * coins, coins);

    /// <summary>One user's accounts, coin by coin (zero where the user has none); <paramref name="nonceHex"/> null when the user has no member row yet.</summary>
    public void Add(string userId, long? memberId, string? nonceHex, ReadOnlySpan<long> available, ReadOnlySpan<long> reserved)
    {
        for (var coin = 0; coin < coins; coin++)
            if (available[coin] < 0 || reserved[coin] < 0)
            {
                Owing++;
                return;
            }
        EnsureRoom();
        var member = Count++;
        for (var coin = 0; coin < coins; coin++)
            balances[member * coins + coin] = (ulong)available[coin] + (ulong)reserved[coin];
        if (memberId is { } id && nonceHex is not null)
            Register(member, id, Convert.FromHexString(nonceHex));
        else
            unregistered.Add((member, userId));
    }

    public void Register(int member, long memberId, ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceSize) throw new ArgumentException($"A member's nonce is {NonceSize} bytes, not {nonce.Length}.", nameof(nonce));
        memberIds[member] = memberId;
        nonce.CopyTo(nonces.AsSpan(member * NonceSize, NonceSize));
    }

    private void EnsureRoom()
    {
        if (Count < memberIds.Length) return;
        var capacity = memberIds.Length * 2;
        Array.Resize(ref memberIds, capacity);
        Array.Resize(ref nonces, capacity * NonceSize);
        Array.Resize(ref balances, capacity * coins);
    }
}
