using System.Text;
using System.Text.Json;
using Exchange.Hub.Emulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Exchange.Hub.Emulator.Http;

/// <summary>Hub's HTTP layer (PROTOCOL.md §1): POST on any path, text/html always, Boost's status rules.</summary>
internal static class HubTransport
{
    private const int BodyLimit = 10_000;

    public static async Task HandleAsync(HttpContext context, HubEmulator hub, ILogger logger)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await WriteAsync(context, 400, "Unknown HTTP-method");
            return;
        }

        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            logger.LogError("Hub emulator: request body over {Limit} bytes; connection closed without a response, as Hub does", BodyLimit);
            context.Abort();
            return;
        }
        if (hub.Faults.TakeTransport(CommandOf(body)) is { } fault && !await ApplyFaultAsync(context, fault))
            return;
        if (body.Length == 0)
        {
            await WriteAsync(context, 500, "An error occurred: 'Empty request'");
            return;
        }
        await DispatchAsync(context, hub, logger, body);
    }

    private static async Task DispatchAsync(HttpContext context, HubEmulator hub, ILogger logger, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await WriteAsync(context, 400, new HubObject().Add("result", "Wrong request format").ToJson());
            return;
        }

        using (document)
        {
            var request = HubRequest.Of(document.RootElement);
            var command = request.String("command");
            try
            {
                if (command is null)
                    throw new HubCrashException("a request without a \"command\" member");
                if (!hub.IsCommand(command))
                {
                    await WriteAsync(context, 400, new HubObject().Add("result", "Unknown command").ToJson());
                    return;
                }
                await WriteAsync(context, 200, hub.Answer(command, request));
            }
            catch (HubCrashException crash)
            {
                // The real Hub process terminates here; the emulator only drops the connection.
                logger.LogError("Hub emulator: {Reason} would crash a real Hub; connection closed without a response", crash.Message);
                context.Abort();
            }
        }
    }

    private static string? CommandOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return HubRequest.Of(document.RootElement).String("command");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Returns false when the fault already answered (or dropped) the request.
    private static async Task<bool> ApplyFaultAsync(HttpContext context, Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return false;
            case FaultKind.Http500:
                await WriteAsync(context, 500, "Internal Server Error");
                return false;
            case FaultKind.Garbage:
                await WriteAsync(context, 200, "<html><body>\u0001\u0002 not json {{{</body></html>");
                return false;
            case FaultKind.Delay:
                // A slow Hub still does the work after the client gave up: the answer is lost, the effect is not.
                await Task.Delay(fault.Delay);
                return true;
            default:
                return true;
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > BodyLimit) return null;
        }
        return buffer.ToArray();
    }

    // A list answer is measured first (Hub sends a Content-Length), then written piece by piece.
    private static async Task WriteAsync(HttpContext context, int status, EmulatorAnswer answer)
    {
        SetHeaders(context, status);
        context.Response.ContentLength = answer.ByteCount();
        await answer.WriteToAsync(context.Response.Body, context.RequestAborted);
    }

    private static void SetHeaders(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        context.Response.Headers.Server = "Boost.Beast/266";
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        SetHeaders(context, status);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }
}
