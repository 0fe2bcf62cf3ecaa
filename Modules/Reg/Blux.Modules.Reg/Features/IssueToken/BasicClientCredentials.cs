using System.Net;
using System.Text;
using Blux.SharedKernel.Errors;
using Microsoft.AspNetCore.Http;

namespace Blux.Modules.Reg.Features.IssueToken;

/// <summary>
/// <c>client_secret_basic</c> (RFC 6749 §2.3.1): <c>Authorization: Basic base64(id ":" secret)</c>, where
/// the id and the secret are each form-url-encoded first. A header that is not Basic is left alone; a
/// Basic header Blux cannot read is the client's mistake (400), never a 500 and never a guess.
/// </summary>
internal static class BasicClientCredentials
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string ClientId, string ClientSecret)? Read(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count == 0 || !headers.Any(h => h is not null && h.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (headers.Count > 1)
        {
            throw Malformed("Send one Authorization header.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(Convert.FromBase64String(headers[0]!["Basic ".Length..].Trim()));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            throw Malformed("Basic credentials are base64 of UTF-8 \"client_id:client_secret\".");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Malformed("Basic credentials are \"client_id:client_secret\", both form-url-encoded.");
        }

        var clientId = WebUtility.UrlDecode(text[..colon]);
        var clientSecret = WebUtility.UrlDecode(text[(colon + 1)..]);
        return clientId.Length == 0 ? throw Malformed("The client_id of Basic credentials is empty.") : (clientId, clientSecret);
    }

    private static BluxException Malformed(string message) =>
        BluxException.Validation("authorization", "malformed_basic_credentials", message,
            new Dictionary<string, object?> { ["expected_format"] = "Basic base64(urlencode(client_id) \":\" urlencode(client_secret))" });
}
