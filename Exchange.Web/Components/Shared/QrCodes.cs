using QRCoder;

namespace Exchange.Web.Components.Shared;

/// <summary>
/// QR codes drawn on the server straight into the page as <c>data:</c> images: no script library,
/// and what they encode (an authenticator's secret, an address) never travels in a URL.
/// </summary>
public static class QrCodes
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
