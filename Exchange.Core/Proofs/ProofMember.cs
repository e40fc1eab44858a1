using System.Security.Cryptography;

namespace Exchange.Core.Proofs;

/// <summary>
/// A user as the proofs of liabilities know them: a number that finds the user's leaf in every
/// snapshot, and a secret nonce from which the user's key in each snapshot is derived. Made the
/// first time a snapshot covers the user; never changed.
/// </summary>
public sealed class ProofMember
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";

    /// <summary>32 random bytes; only the user (in their proofs) ever sees a key derived from it.</summary>
    public byte[] Nonce { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    private ProofMember() { }

    internal static ProofMember For(string userId, DateTime now) =>
        new() { UserId = userId, Nonce = RandomNumberGenerator.GetBytes(ProofHashing.NonceSize), CreatedAt = now };
}
