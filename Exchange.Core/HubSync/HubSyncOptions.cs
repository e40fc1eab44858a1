using System.ComponentModel.DataAnnotations;

namespace Exchange.Core.HubSync;

/// <summary>Configuration section <c>HubSync</c>: how the exchange maps itself onto Hub (Scenario A).</summary>
public sealed class HubSyncOptions
{
    public const string Section = "HubSync";

    /// <summary>The Hub user that holds the exchange's pooled funds and pays withdrawals.</summary>
    [Required, MaxLength(64)] public string HotWalletUserId { get; set; } = "user-hot-wallet";

    /// <summary>Tag on every withdrawal transaction (at most 27 trytes).</summary>
    [Required, RegularExpression("^[A-Z9]{0,27}$", ErrorMessage = "HubSync:WithdrawalTag must be 0-27 characters of A-Z and 9.")]
    public string WithdrawalTag { get; set; } = "EXCHANGE";

    /// <summary>
    /// How far behind its cursor the balance check reads again. Hub's filter is inclusive and its
    /// timestamps may be whole seconds; the lag also catches rows committed late with an earlier time.
    /// </summary>
    public TimeSpan CursorLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// About how many Hub events the balance check books per transaction (the cursor moves with each
    /// batch). A batch ends where the timestamp changes; only one second holding more than twice this
    /// many events is split. Memory follows the batch, not the backlog.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "HubSync:BatchSize must be between 1 and 100,000 events.")]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// How long a write whose outcome is unknown (a timeout, a dropped connection) is left alone
    /// before Hub's history is taken as final: a slow request may still land until then.
    /// </summary>
    public TimeSpan UnknownOutcomeGrace { get; set; } = TimeSpan.FromMinutes(1);
}
