using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;

namespace Exchange.Hub.Emulator;

/// <summary>Thrown where the real Hub would terminate: the transport closes the connection without a response.</summary>
public sealed class HubCrashException(string reason) : Exception(reason);

/// <summary>
/// Hub's commands and background services over a simulated Tangle. Every command and tick runs
/// under one lock (Hub's concurrency is out of scope) and the state is saved after each change.
/// </summary>
public sealed partial class HubEmulator
{
    private static readonly HashSet<string> Mutating =
        ["CreateUser", "GetDepositAddress", "UserWithdraw", "UserWithdrawCancel", "ProcessTransferBatch", "RecoverFunds"];

    private readonly Lock gate = new();
    private readonly EmulatorStore store;
    private readonly TimeProvider time;
    private readonly Dictionary<string, Func<HubRequest, HubObject>> commands;
    private readonly EmulatorState state;

    public HubEmulator(HubEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        this.time = time;
        store = new EmulatorStore(options.DatabasePath);
        state = options.Persist ? store.Load() : new EmulatorState();
        commands = new()
        {
            ["GetStats"] = GetStats,
            ["CreateUser"] = CreateUser,
            ["GetDepositAddress"] = GetDepositAddress,
            ["GetBalance"] = GetBalance,
            ["GetAddressInfo"] = GetAddressInfo,
            ["GetUserHistory"] = GetUserHistory,
            ["SweepDetail"] = SweepDetail,
            ["SweepInfo"] = SweepInfo,
            ["UserWithdraw"] = UserWithdraw,
            ["UserWithdrawCancel"] = UserWithdrawCancel,
            ["WasWithdrawalCancelled"] = WasWithdrawalCancelled,
            ["WasAddressSpentFrom"] = WasAddressSpentFrom,
            ["SweepSubscription"] = SweepSubscription,
            ["BalanceSubscription"] = BalanceSubscription,
            ["ProcessTransferBatch"] = ProcessTransferBatch,
            ["SignBundle"] = SignBundle,
            ["RecoverFunds"] = RecoverFunds,
            ["GetSeedForAddress"] = GetSeedForAddress,
            ["GetSeedForUUID"] = GetSeedForUuid,
        };
    }

    public HubEmulatorOptions Options { get; }

    internal EmulatorFaults Faults { get; } = new();

    public bool IsCommand(string name) => commands.ContainsKey(name);

    /// <summary>Runs a registered command; the answer is always HTTP 200.</summary>
    public string Execute(string command, HubRequest request)
    {
        lock (gate)
        {
            var body = Faults.TakeError(command) is { } error ? HubObject.Error(error) : commands[command](request);
            if (Mutating.Contains(command)) Save();
            return body.ToJson();
        }
    }

    public void AddFault(Fault fault) => Faults.Add(fault);

    internal T Read<T>(Func<EmulatorState, T> read)
    {
        lock (gate) return read(state);
    }

    private T Change<T>(Func<T> change)
    {
        lock (gate)
        {
            var result = change();
            Save();
            return result;
        }
    }

    private void Save()
    {
        if (Options.Persist) store.Save(state);
    }

    /// <summary>Now in ms since the epoch; whole seconds unless configured otherwise, as MariaDB stores them.</summary>
    private long Now()
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
        return Options.MillisecondTimestamps ? ms : ms - ms % 1000;
    }
}
