using System.Text;
using Monitor.Control.Webhooks;

namespace Monitor.Stacks.Tests.Webhooks;

public sealed class PushPayloadTests
{
    private const string Sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private static PushEvent Parse(string body, string? contentType = "application/json")
    {
        Assert.True(PushPayload.TryParse(Encoding.UTF8.GetBytes(body), contentType, out var push, out var problem), problem);
        return push!;
    }

    private static string Problem(string body)
    {
        Assert.False(PushPayload.TryParse(Encoding.UTF8.GetBytes(body), "application/json", out _, out var problem));
        return problem;
    }

    [Fact]
    public void A_GitHub_push_names_the_branch_and_the_new_head()
    {
        var push = Parse(SignedPush.Body("main", Sha));
        Assert.Equal(("refs/heads/main", "main", Sha, false), (push.Ref, push.Branch, push.Commit, push.Deleted));
    }

    [Fact]
    public void A_GitLab_push_with_its_own_fields_reads_the_same()
    {
        var push = Parse($$"""
            {"object_kind":"push","event_name":"push","before":"{{new string('0', 40)}}","after":"{{Sha.ToUpperInvariant()}}",
             "ref":"refs/heads/release/2.x","checkout_sha":"{{Sha}}","user_name":"dev","project":{"path_with_namespace":"ops/web"},"commits":[]}
            """);
        Assert.Equal(("release/2.x", Sha), (push.Branch, push.Commit));
    }

    [Fact]
    public void A_form_encoded_GitHub_payload_is_read_from_its_payload_field()
    {
        var form = "payload=" + Uri.EscapeDataString(SignedPush.Body("main", Sha));
        Assert.Equal(Sha, Parse(form, "application/x-www-form-urlencoded").Commit);
    }

    [Fact]
    public void A_deleted_branch_and_a_tag_are_recognised()
    {
        Assert.True(Parse(SignedPush.Body("main", new string('0', 40))).Deleted);
        var tag = Parse($$"""{"ref":"refs/tags/v1.0","after":"{{Sha}}"}""");
        Assert.Null(tag.Branch);
    }

    [Fact]
    public void Payloads_without_a_ref_or_a_real_commit_id_are_refused()
    {
        Assert.Contains("not valid JSON", Problem("{not json"));
        Assert.Contains("not a JSON object", Problem("[1,2]"));
        Assert.Contains("`ref` and `after`", Problem($$"""{"after":"{{Sha}}"}"""));
        Assert.Contains("`ref` and `after`", Problem("""{"ref":"refs/heads/main","after":42}"""));
        Assert.Contains("not a commit id", Problem("""{"ref":"refs/heads/main","after":"6dcb09b"}"""));
        Assert.Contains("not a commit id", Problem("""{"ref":"refs/heads/main","after":"--upload-pack=touch /tmp/pwned-------------"}"""));
    }
}
