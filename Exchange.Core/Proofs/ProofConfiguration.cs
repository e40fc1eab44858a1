using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Proofs;

internal sealed class ProofMemberConfiguration : IEntityTypeConfiguration<ProofMember>
{
    private static readonly ValueComparer<byte[]> NonceComparer =
        new((a, b) => a != null && b != null && a.SequenceEqual(b), n => n.Length, n => n.ToArray());

    public void Configure(EntityTypeBuilder<ProofMember> member)
    {
        member.Property(m => m.UserId).HasMaxLength(Limits.UserId);
        member.HasIndex(m => m.UserId).IsUnique();
        // As hex text, so that the bulk insert's JSON rows carry it on every provider.
        member.Property(m => m.Nonce).HasConversion(n => Convert.ToHexStringLower(n), text => Convert.FromHexString(text), NonceComparer)
            .HasMaxLength(2 * ProofHashing.NonceSize);
    }
}

internal sealed class ProofSnapshotConfiguration : IEntityTypeConfiguration<ProofSnapshot>
{
    public void Configure(EntityTypeBuilder<ProofSnapshot> snapshot)
    {
        snapshot.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        snapshot.Property(s => s.TakenBy).HasMaxLength(Limits.UserId);
        snapshot.Property(s => s.Root).HasMaxLength(2 * ProofHashing.HashSize);
        snapshot.Property(s => s.Signature).HasMaxLength(100);
        snapshot.Property(s => s.PublicKey).HasMaxLength(400);
        snapshot.Property(s => s.KeyFingerprint).HasMaxLength(2 * ProofHashing.HashSize);
        snapshot.Property(s => s.HubProblem).HasMaxLength(Limits.HubReference);
    }
}

internal sealed class ProofSnapshotTotalConfiguration : IEntityTypeConfiguration<ProofSnapshotTotal>
{
    public void Configure(EntityTypeBuilder<ProofSnapshotTotal> total)
    {
        total.HasKey(t => new { t.SnapshotId, t.Coin });
        total.Property(t => t.Coin).HasMaxLength(10);
        total.HasOne<ProofSnapshot>().WithMany().HasForeignKey(t => t.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProofSnapshotPartConfiguration : IEntityTypeConfiguration<ProofSnapshotPart>
{
    public void Configure(EntityTypeBuilder<ProofSnapshotPart> part)
    {
        part.HasKey(p => new { p.SnapshotId, p.Kind, p.Number });
        part.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        part.HasOne<ProofSnapshot>().WithMany().HasForeignKey(p => p.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
