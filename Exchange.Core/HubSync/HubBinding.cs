using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;

namespace Exchange.Core.HubSync;

/// <summary>The one Hub this database's balances came from: the embedded emulator, or a real Hub's URL.</summary>
public sealed class HubBinding
{
    public const int MaxHubLength = 500;

    public int Id { get; private set; }
    public string Hub { get; private set; } = "";
    public DateTime Since { get; private set; }

    private HubBinding() { }

    public static HubBinding To(string hub, DateTime now) => new() { Id = 1, Hub = hub, Since = now };

    public void SwitchTo(string hub, DateTime now) => (Hub, Since) = (hub, now);
}

/// <summary>
/// Refuses to start against a different Hub than the database was used with: credits from the
/// emulator's test money must never stand beside a real Hub, and a real Hub's users are not another's.
/// </summary>
public sealed class HubBindings(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time, ILogger<HubBindings> log)
{
    public async Task EnsureAsync(string hub, bool switchIntended, CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureOnceAsync(hub, switchIntended, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node starting at the same moment recorded the first binding (the row's key is
            // fixed): check against the one it recorded.
            await EnsureOnceAsync(hub, switchIntended, cancellationToken);
        }
    }

    private async Task EnsureOnceAsync(string hub, bool switchIntended, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow().UtcDateTime;
        var binding = await db.HubBindings.SingleOrDefaultAsync(cancellationToken);
        if (binding is null)
            db.HubBindings.Add(HubBinding.To(hub, now));
        else if (binding.Hub == hub)
            return;
        else if (!switchIntended)
            throw new InvalidOperationException(
                $"This database was used with {Describe(binding.Hub)} since {binding.Since:yyyy-MM-dd HH:mm} UTC and is now started against {Describe(hub)}. " +
                "Balances credited through one Hub are not in the other. If the switch is intended, start once with Hub:SwitchIntended=true.");
        else
        {
            log.LogWarning("The database switches from {OldHub} to {NewHub}, as Hub:SwitchIntended asks", binding.Hub, hub);
            binding.SwitchTo(hub, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Describe(string hub) => hub.Contains("://", StringComparison.Ordinal) ? $"the Hub at {hub}" : $"the {hub}";
}

internal sealed class HubBindingConfiguration : IEntityTypeConfiguration<HubBinding>
{
    public void Configure(EntityTypeBuilder<HubBinding> binding)
    {
        binding.Property(b => b.Id).ValueGeneratedNever();
        binding.Property(b => b.Hub).HasMaxLength(HubBinding.MaxHubLength);
    }
}
