using System.Globalization;
using System.Text;
using System.Text.Json;
using static Exchange.Core.Proofs.ProofJson;

namespace Exchange.Core.Proofs;

/// <summary>A coin of a snapshot, in the tree's coin order, with what the exchange owed in it (base units).</summary>
public sealed record ManifestCoin(string Symbol, int Decimals, ulong Total);

/// <summary>What Hub reported holding when the snapshot was taken: reported, not proven. Unknown when Hub did not answer.</summary>
public sealed record ManifestReserves(string Coin, ulong? HubTotal, ulong? HotWallet)
{
    public const string Source = "IOTA Hub";

    public bool Known => HubTotal is not null;
}

/// <summary>
/// What a snapshot publishes and signs. Its JSON (<see cref="ToJson"/>) is written once, stored,
/// and signed as those exact UTF-8 bytes; readers verify the signature over the text they were
/// given, never over JSON written again.
/// </summary>
public sealed record ProofManifest(long SnapshotId, DateTime TakenAt, long LedgerPosition, IReadOnlyList<ManifestCoin> Coins, long LeafCount, int Depth,
    string Root, ManifestReserves Reserves)
{
    private const string Where = "The manifest";
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scheme", ProofHashing.Scheme);
            json.WriteNumber("snapshotId", SnapshotId);
            json.WriteString("takenAt", TakenAt.ToString(TimeFormat, CultureInfo.InvariantCulture));
            json.WriteNumber("ledgerPosition", LedgerPosition);
            json.WriteStartArray("coins");
            foreach (var coin in Coins)
            {
                json.WriteStartObject();
                json.WriteString("symbol", coin.Symbol);
                json.WriteNumber("decimals", coin.Decimals);
                json.WriteString("total", Amount(coin.Total));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("leafCount", LeafCount);
            json.WriteNumber("depth", Depth);
            json.WriteString("root", Root);
            WriteReserves(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteReserves(Utf8JsonWriter json)
    {
        json.WriteStartObject("reserves");
        json.WriteString("source", ManifestReserves.Source);
        json.WriteString("coin", Reserves.Coin);
        json.WriteBoolean("known", Reserves.Known);
        if (Reserves is { HubTotal: { } total, HotWallet: { } hotWallet })
        {
            json.WriteString("hubTotal", Amount(total));
            json.WriteString("hotWallet", Amount(hotWallet));
        }
        json.WriteEndObject();
    }

    /// <summary>Reads a manifest; a <see cref="FormatException"/> names what is missing or wrong.</summary>
    public static ProofManifest Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{Where} is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (Text(root, "scheme", Where) != ProofHashing.Scheme)
                throw new FormatException($"{Where}'s scheme is '{Text(root, "scheme", Where)}'; this verifier knows {ProofHashing.Scheme}.");
            var coins = Member(root, "coins", JsonValueKind.Array, Where).EnumerateArray().Select(CoinOf).ToList();
            var depth = Whole(root, "depth", Where);
            var leafCount = Whole(root, "leafCount", Where);
            if (depth is < 1 or > 62 || leafCount != 1L << (int)depth)
                throw new FormatException($"{Where}'s leafCount {leafCount} is not 2^depth (depth {depth}).");
            return new ProofManifest(Whole(root, "snapshotId", Where), TakenAtOf(root), Whole(root, "ledgerPosition", Where), coins, leafCount, (int)depth,
                Convert.ToHexStringLower(Hex(root, "root", ProofHashing.HashSize, Where)), ReservesOf(Member(root, "reserves", JsonValueKind.Object, Where)));
        }
    }

    private static ManifestCoin CoinOf(JsonElement coin, int index)
    {
        var where = $"{Where}'s coin {index}";
        var decimals = Whole(coin, "decimals", where);
        var total = Amount(Member(coin, "total", JsonValueKind.String, where), $"{where}'s total", out var problem) ?? throw new FormatException(problem);
        return new ManifestCoin(Text(coin, "symbol", where), decimals <= 18 ? (int)decimals : throw new FormatException($"{where} has {decimals} decimals; at most 18."), total);
    }

    private static DateTime TakenAtOf(JsonElement root) =>
        DateTime.TryParseExact(Text(root, "takenAt", Where), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new FormatException($"{Where}'s takenAt is not a UTC time like 2026-11-24T12:00:00Z.");

    private static ManifestReserves ReservesOf(JsonElement reserves)
    {
        const string where = "The manifest's reserves";
        var coin = Text(reserves, "coin", where);
        if (!reserves.TryGetProperty("known", out var known) || known.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new FormatException($"{where} have no 'known' true or false.");
        if (known.ValueKind == JsonValueKind.False) return new ManifestReserves(coin, null, null);
        ulong Figure(string name) =>
            Amount(Member(reserves, name, JsonValueKind.String, where), $"{where}' {name}", out var problem) ?? throw new FormatException(problem);
        return new ManifestReserves(coin, Figure("hubTotal"), Figure("hotWallet"));
    }
}
