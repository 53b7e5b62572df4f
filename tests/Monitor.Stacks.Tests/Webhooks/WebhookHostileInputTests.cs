using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Control.Webhooks;
using Monitor.Shared.Config;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Webhooks;

/// <summary>Hardening faults 6 and 9 against the real HTTP endpoint: invalid UTF-8 in a signed payload is a 400 with
/// a logged reason (not a 500 with nothing logged), and an unsigned request is answered the same whether or not the
/// stack exists, so stack names cannot be listed.</summary>
public sealed class WebhookHostileInputTests : IAsyncLifetime
{
    private const string Secret = "hostile-secret";
    private WebhookEndpoint _endpoint = null!;

    private string Url(string stack) => _endpoint.Url(stack);

    public async Task InitializeAsync() => _endpoint = await WebhookEndpoint.StartAsync(Secret, [WebhookEndpoint.Stack("web")]);

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private static HttpRequestMessage GitHub(string url, byte[] body, string delivery, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (secret is not null) request.Headers.Add("X-Hub-Signature-256", "sha256=" + HmacSignature.ComputeHex(secret, body));
        return request;
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    public async Task Invalid_utf8_in_a_signed_payload_is_400_with_a_logged_reason(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/ma""").Concat(bad).Concat(Encoding.UTF8.GetBytes("""in","after":"6dcb09b5b57875f334f61aebed695e2e4193db5e"}""")).ToArray();
        using var response = await _endpoint.Http.SendAsync(GitHub(Url("web"), body, "u-" + Convert.ToHexString(bad), Secret));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("status=400 outcome=bad-push-payload:-payload-is-not-valid-UTF-8", _endpoint.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_request_gets_the_same_answer_whether_or_not_the_stack_exists()
    {
        var body = Encoding.UTF8.GetBytes(SignedPush.Body("main", "6dcb09b5b57875f334f61aebed695e2e4193db5e"));
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (stack, secret) in new[] { ("web", (string?)null), ("no-such-stack", null), ("web", "guessed"), ("no-such-stack", "guessed") })
        {
            using var response = await _endpoint.Http.SendAsync(GitHub(Url(stack), body, $"x-{answers.Count}", secret));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Unauthorized, "{\"error\":\"unauthorized\"}\n"), a));
        // With the real secret the operator's own tools still learn that a stack is missing.
        using var signed = await _endpoint.Http.SendAsync(GitHub(Url("no-such-stack"), body, "x-signed", Secret));
        Assert.Equal(HttpStatusCode.NotFound, signed.StatusCode);
    }
}
