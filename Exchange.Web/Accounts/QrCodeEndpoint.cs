using QRCoder;

namespace Exchange.Web.Accounts;

/// <summary>
/// <c>GET /qr?text=...</c>: a PNG QR code, drawn on the server so no script library is needed. The
/// authenticator set-up page and deposit addresses use it; it needs a login so it cannot be used as
/// a free QR service.
/// </summary>
public static class QrCodeEndpoint
{
    private const int MaxTextLength = 512;

    public static IEndpointRouteBuilder MapQrCodes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/qr", (string? text) =>
        {
            if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
                return Results.BadRequest($"text must be 1 to {MaxTextLength} characters.");
            return Results.File(Png(text), "image/png");
        }).RequireAuthorization();
        return endpoints;
    }

    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }
}
