namespace Exchange.Core.HotWallet;

/// <summary>A cold-storage address on the allow-list: a second operator approved it; sends go nowhere else.</summary>
public sealed class ColdStorageAddress
{
    public long Id { get; private set; }

    /// <summary>90 trytes, checksum included.</summary>
    public string Address { get; private set; } = "";

    public string Label { get; private set; } = "";
    public string AddedBy { get; private set; } = "";
    public string ApprovedBy { get; private set; } = "";
    public DateTime ApprovedAt { get; private set; }

    private ColdStorageAddress() { }

    public static ColdStorageAddress Approved(Approvals.OperatorRequest request, string approvedBy, DateTime at) => new()
    {
        Address = request.Address!, Label = request.Label!, AddedBy = request.RequestedBy, ApprovedBy = approvedBy, ApprovedAt = at,
    };
}
