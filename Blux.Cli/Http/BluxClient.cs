using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Config;

namespace Blux.Cli.Http;

/// <summary>
/// Blux's REST API as bluxq uses it: bearer token from <see cref="TokenSource"/> (renewed once on a
/// 401 when the token came from the cache), retries on 429/503, and every error answer turned into
/// an <see cref="ApiException"/> carrying the envelope.
/// </summary>
internal sealed class BluxClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly CliEnvironment _environment;

    public BluxClient(Settings settings, CliEnvironment environment)
    {
        _environment = environment;
        _http = new HttpClient(environment.Handler?.Invoke() ?? HandlerFactory.Create(settings), disposeHandler: true)
        {
            BaseAddress = settings.Addr,
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("bluxq", typeof(BluxClient).Assembly.GetName().Version?.ToString(3)));
        _retry = new RetryPolicy(settings.Retries, Random.Shared);
    }

    /// <summary>Answers the token to send; set by the command once it knows whether it needs one.</summary>
    public TokenSource? Tokens { get; set; }

    /// <summary>The largest JSON answer read into memory; a larger one is refused (exports and streams are read as they come).</summary>
    public const int MaxAnswerBytes = 64 * 1024 * 1024;

    /// <summary>How long one request may take before it is given up (streams are not bound by it).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    public async Task<JsonNode?> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        (await SendJsonAsync(HttpMethod.Get, path, null, cancellationToken)).Body;

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var text = body?.ToJsonString();
        return await SendForJsonAsync(() => new HttpRequestMessage(method, path)
        {
            Content = text is null ? null : new StringContent(text, Encoding.UTF8, "application/json"),
        }, cancellationToken);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendForJsonAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken, bool authenticated = true)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token, authenticated);
            var content = await response.Content.ReadAsStringAsync(timeout.Token);
            try
            {
                return (response.StatusCode, content.Length == 0 ? null : JsonNode.Parse(content));
            }
            catch (JsonException)
            {
                throw new CliException($"Blux answered {(int)response.StatusCode} with a body that is not JSON.");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"Blux did not answer within {RequestTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// Sends the request (made afresh for each try), retrying 429/503, and answers a success
    /// response; an error answer throws <see cref="ApiException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, HttpCompletionOption completion, CancellationToken cancellationToken, bool authenticated = true)
    {
        var renewed = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = make();
            if (authenticated)
            {
                if (Tokens is null)
                {
                    throw new InvalidOperationException("An authenticated request needs a token source.");
                }

                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens.GetAsync(this, renew: false, cancellationToken));
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw new CliException($"Cannot reach Blux at {_http.BaseAddress}: {exception.Message}");
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && authenticated && !renewed && Tokens!.CanRenew)
            {
                // A cached token the server no longer takes (a rotated key, a restart on a new store): one fresh login.
                renewed = true;
                response.Dispose();
                await Tokens.GetAsync(this, renew: true, cancellationToken);
                attempt--;
                continue;
            }

            if (RetryPolicy.IsRetryable(response.StatusCode) && attempt <= _retry.Retries)
            {
                var delay = _retry.Delay(attempt, response.Headers.RetryAfter, _environment.Time.GetUtcNow());
                await _environment.Error.WriteLineAsync($"bluxq: {(int)response.StatusCode} from Blux, retry {attempt} of {_retry.Retries} in {delay.TotalSeconds:0.0} s");
                response.Dispose();
                await Task.Delay(delay, _environment.Time, cancellationToken);
                continue;
            }

            using (response)
            {
                throw ApiException.FromBody(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
    }

    /// <summary>POST /v1/tokens with client credentials.</summary>
    public async Task<JsonObject> RequestTokenAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret }.ToJsonString();
        var (_, answer) = await SendForJsonAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "/v1/tokens") { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            cancellationToken,
            authenticated: false);
        return answer as JsonObject ?? throw new CliException("Blux answered the token request without a JSON object.");
    }

    public void Dispose() => _http.Dispose();
}
