using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Blux.Host.Errors;
using Blux.IntegrationTests.Reg;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.IntegrationTests;

/// <summary>
/// A request's head over Blux's limits (headers, header lines, request line) is refused with the
/// envelope, over real Kestrel in a child process as well as in process. What Kestrel refuses itself
/// before any of Blux runs (past its ceiling, four times Blux's limits, or a request it cannot parse)
/// has no body; these tests pin that down too, and that the host answers the next request.
/// </summary>
public sealed class RequestHeadTests : IClassFixture<RequestHeadTests.ChildHost>, IClassFixture<BluxFactory>
{
    private readonly ChildHost _child;
    private readonly BluxFactory _factory;

    public RequestHeadTests(ChildHost child, BluxFactory factory)
    {
        _child = child;
        _factory = factory;
    }

    [Fact]
    public async Task A_70_KB_token_is_431_with_the_envelope_from_kestrel()
    {
        var answer = await _child.SendAsync(Request("GET /v1/tasks", ("Authorization", "Bearer " + new string('a', 70_000))));

        answer.Status.Should().Be(431);
        var error = Envelope(answer);
        error["details"]!["field"]!.GetValue<string>().Should().Be("headers");
        error["details"]!["issue"]!.GetValue<string>().Should().Be("too_large");
        error["details"]!["limit"]!.GetValue<int>().Should().Be(32 * 1024);
        await _child.ShouldBeHealthyAsync();
    }

    [Fact]
    public async Task Too_many_header_lines_are_431_with_the_envelope_from_kestrel()
    {
        var headers = Enumerable.Range(0, 150).Select(i => ($"X-Probe-{i}", "v")).ToArray();

        var answer = await _child.SendAsync(Request("GET /v1/tasks", headers));

        answer.Status.Should().Be(431);
        Envelope(answer)["details"]!["issue"]!.GetValue<string>().Should().Be("too_many");
        await _child.ShouldBeHealthyAsync();
    }

    [Fact]
    public async Task A_request_line_over_the_limit_is_414_with_the_envelope_from_kestrel()
    {
        var answer = await _child.SendAsync(Request("GET /v1/tasks?q=" + new string('x', 12_000)));

        answer.Status.Should().Be(414);
        Envelope(answer)["details"]!["field"]!.GetValue<string>().Should().Be("request_line");
        await _child.ShouldBeHealthyAsync();
    }

    [Theory]
    [InlineData("a token past Kestrel's ceiling", 431)]
    [InlineData("a %00 in the path", 400)]
    [InlineData("a request line that is not HTTP", 400)]
    [InlineData("no Host header", 400)]
    [InlineData("a header line without a colon", 400)]
    [InlineData("a NUL in a header value", 400)]
    [InlineData("an HTTP version that does not exist", 505)]
    public async Task What_kestrel_refuses_before_blux_runs_is_a_bare_status_and_the_host_stays_up(string what, int status)
    {
        var request = what switch
        {
            "a token past Kestrel's ceiling" => Request("GET /v1/tasks", ("Authorization", "Bearer " + new string('a', 200_000))),
            "a %00 in the path" => Request("GET /v1/tasks/%00"),
            "a request line that is not HTTP" => Encoding.ASCII.GetBytes("GARBAGE\r\n\r\n"),
            "no Host header" => Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"),
            "a header line without a colon" => Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: x\r\nX-Probe v\r\nConnection: close\r\n\r\n"),
            "a NUL in a header value" => Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: x\r\nX-Probe: a\0b\r\nConnection: close\r\n\r\n"),
            _ => Encoding.ASCII.GetBytes("GET /health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"),
        };

        var answer = await _child.SendAsync(request);

        answer.Status.Should().Be(status, what);
        answer.Body.Should().BeEmpty("Kestrel answers these itself, before the pipeline, and writes no body");
        await _child.ShouldBeHealthyAsync();
    }

    [Fact]
    public async Task The_limits_hold_in_process_too_before_the_token_is_read()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 40_000));

        var response = await client.SendAsync(request);

        await response.ShouldFailAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "VALIDATION_FAILED", "headers", "too_large");
        response.Headers.ConnectionClose.Should().BeTrue();
    }

    [Fact]
    public async Task The_limits_are_settings()
    {
        using var strict = new BluxFactory();
        strict.Settings["Blux:MaxRequestHeaderBytes"] = "4096";
        strict.Settings["Blux:MaxRequestLineBytes"] = "512";
        using var client = strict.CreateClient();
        using var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/health");
        bigHeader.Headers.TryAddWithoutValidation("X-Probe", new string('a', 5_000));

        var headers = await client.SendAsync(bigHeader);
        var line = await client.GetAsync("/health?q=" + new string('x', 600));

        (await headers.ShouldFailAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "VALIDATION_FAILED", "headers", "too_large"))["details"]!["limit"]!.GetValue<int>().Should().Be(4096);
        (await line.ShouldFailAsync(HttpStatusCode.RequestUriTooLong, "VALIDATION_FAILED", "request_line", "too_large"))["details"]!["limit"]!.GetValue<int>().Should().Be(512);
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Blux:MaxRequestHeaderBytes", "0")]
    [InlineData("Blux:MaxRequestLineBytes", "-1")]
    [InlineData("Blux:MaxRequestHeaderCount", "900000000")]
    public void A_limit_out_of_range_stops_the_host_from_starting(string setting, string value)
    {
        using var broken = new BluxFactory();
        broken.Settings[setting] = value;

        var start = () => broken.CreateClient();

        start.Should().Throw<Exception>();
    }

    [Theory]
    [InlineData(0, 100, 8192, "Blux:MaxRequestHeaderBytes is '0'")]
    [InlineData(32768, -1, 8192, "Blux:MaxRequestHeaderCount is '-1'")]
    [InlineData(32768, 100, 600_000_000, "Blux:MaxRequestLineBytes is '600000000'")]
    public void The_start_up_check_refuses_a_limit_out_of_range_naming_the_setting(int headerBytes, int headerCount, int lineBytes, string refusal)
    {
        var limits = new RequestHeadLimits { MaxRequestHeaderBytes = headerBytes, MaxRequestHeaderCount = headerCount, MaxRequestLineBytes = lineBytes };

        var results = _factory.Services.GetServices<IValidateOptions<RequestHeadLimits>>().Select(v => v.Validate(Options.DefaultName, limits));

        results.Should().Contain(r => r.Failed && r.FailureMessage.StartsWith(refusal + ": it must be a whole number from 1 to 536870911.", StringComparison.Ordinal));
        _factory.Services.GetServices<IValidateOptions<RequestHeadLimits>>().Select(v => v.Validate(Options.DefaultName, new RequestHeadLimits()))
            .Should().OnlyContain(r => !r.Failed, "the defaults are valid");
    }

    private static byte[] Request(string requestLine, params (string Name, string Value)[] headers)
    {
        var text = new StringBuilder(requestLine).Append(" HTTP/1.1\r\nHost: localhost\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("Connection: close\r\n\r\n").ToString());
    }

    private static JsonNode Envelope(RawAnswer answer)
    {
        answer.Headers.Should().Contain("application/json");
        var error = JsonNode.Parse(answer.Body)!["error"]!;
        error["code"]!.GetValue<string>().Should().Be("VALIDATION_FAILED");
        error["audit_id"].Should().BeNull();
        return error;
    }

    public sealed record RawAnswer(int Status, string Headers, string Body);

    /// <summary>Blux.Host on Kestrel in a child process, for requests no HTTP client would send.</summary>
    public sealed class ChildHost : IAsyncLifetime
    {
        private readonly string _dataPath = TestDirectory.New();
        private HostProcess? _host;

        public async Task InitializeAsync() => _host = await HostProcess.StartAsync(_dataPath);

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            TestDirectory.Delete(_dataPath);
        }

        /// <summary>Writes the bytes on a new connection and reads until the server closes it (10 s at most).</summary>
        public async Task<RawAnswer> SendAsync(byte[] request)
        {
            var address = new Uri(_host!.BaseUrl);
            using var tcp = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tcp.ConnectAsync(address.Host, address.Port, timeout.Token);
            var stream = tcp.GetStream();
            try
            {
                await stream.WriteAsync(request, timeout.Token);
            }
            catch (IOException)
            {
                // Kestrel may answer and close before it has read all of an oversized head.
            }

            var received = new MemoryStream();
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // A reset after the answer: what was read is the answer.
            }

            var text = Encoding.UTF8.GetString(received.ToArray());
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            split.Should().BePositive("an HTTP answer came back: " + text);
            var head = text[..split];
            var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var body = Dechunk(head, text[(split + 4)..]);
            return new RawAnswer(status, head, body);
        }

        public async Task ShouldBeHealthyAsync()
        {
            using var client = new HttpClient { BaseAddress = new Uri(_host!.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
            (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        private static string Dechunk(string head, string body)
        {
            if (!head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            {
                return body;
            }

            var result = new StringBuilder();
            var position = 0;
            while (true)
            {
                var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[position..lineEnd], 16);
                if (size == 0)
                {
                    return result.ToString();
                }

                result.Append(body, lineEnd + 2, size);
                position = lineEnd + 2 + size + 2;
            }
        }
    }
}
