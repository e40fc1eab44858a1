using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Exchange.Benchmarks.Circuits;

/// <summary>
/// The protocol Blazor's hub speaks: SignalR's MessagePack hub protocol under the name "blazorpack",
/// exactly as blazor.web.js renames its MessagePack protocol before connecting.
/// </summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
}
