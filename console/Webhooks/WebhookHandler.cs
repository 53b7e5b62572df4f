using Monitor.Control.Stacks;
using Monitor.Control.Store;
using Monitor.Shared.Config;

namespace Monitor.Control.Webhooks;

/// <summary>Decides what a delivery does, in this order: known sender (400) → known and enabled stack (an unsigned
/// request gets 401 either way; 404 only with the [webhook] secret) → the host's proof of the secret (401, no detail)
/// → delivery id (400) → replay of the id (200 duplicate) → ping (200 pong) → push to the stack's branch (202
/// ignored otherwise) → a commit already built (202 ignored, recorded: a replayed push) → queued deploy (202). Each delivery is logged once. HTTP-free, so tests call it directly.</summary>
public sealed class WebhookHandler(IStackService stacks, WebhookSecrets secrets, WebhookDeliveries deliveries, StackDeployQueue queue, WebhookLog log, TimeProvider? clock = null,
    WebhookHistory? history = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<WebhookAnswer> HandleAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        WebhookAnswer answer;
        try { answer = await DecideAsync(delivery, ct).ConfigureAwait(false); }
        catch (StateStoreException e) { answer = WebhookAnswer.Failed(503, "store unavailable", delivery.Stack, logDetail: e.Message); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a bare 500 with nothing logged: the log names the exception (hardening fault 6).
            answer = WebhookAnswer.Failed(500, "internal error", delivery.Stack, logDetail: $"{e.GetType().Name}: {e.Message}");
        }
        log.Delivery(answer);
        return answer;
    }

    private async Task<WebhookAnswer> DecideAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var provider = WebhookProviders.Detect(delivery.Headers);
        var name = delivery.Stack;
        if (provider is null)
            return WebhookAnswer.Failed(400, "unknown sender: expected GitHub, GitLab, Gitea or Forgejo webhook headers", name);
        var stack = StackRules.IsValidName(name) ? (await stacks.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(s => s.Name == name) : null;
        if (stack is null || stack.Webhook is { Enabled: false })
        {
            // Answer an unsigned request exactly as for a stack that exists, so stack names cannot be listed:
            // only a delivery signed with the [webhook] secret learns that the stack is not there.
            var why = stack is null ? "no such stack" : "webhook disabled for this stack";
            var global = secrets.HasGlobal ? secrets.Global(out _) : null;
            if (global is null || !provider.Verify(global, delivery.Headers, delivery.Body))
                return WebhookAnswer.Failed(401, "unauthorized", name, provider.Name, provider.DeliveryId(delivery.Headers), why + "; signature or token does not match");
            return WebhookAnswer.Failed(404, "not found", name, provider.Name, logDetail: why);
        }

        // The id is not yet trusted here; the log shows it (cleaned) so an operator can match it with the host's delivery list.
        var id = provider.DeliveryId(delivery.Headers);
        var secret = secrets.For(stack, out var secretProblem);
        if (secret is null) return WebhookAnswer.Failed(401, "unauthorized", name, provider.Name, id, secretProblem);
        if (!provider.Verify(secret, delivery.Headers, delivery.Body))
            return WebhookAnswer.Failed(401, "unauthorized", name, provider.Name, id, "signature or token does not match");

        if (id is null || !IsDeliveryId(id))
            return WebhookAnswer.Failed(400, "missing or malformed delivery id header", name, provider.Name);

        var (planned, push) = Plan(stack, provider, delivery);
        var first = await deliveries.TryRecordAsync(new WebhookDeliveryRecord(provider.Name, id, name, _clock.GetUtcNow(), planned.Outcome), ct).ConfigureAwait(false);
        if (!first)
            return new WebhookAnswer(200, new WebhookReply { Stack = name, Commit = planned.Reply.Commit, Branch = planned.Reply.Branch, Action = "duplicate" },
                name, provider.Name, id, "duplicate (delivery seen before; nothing done)");
        if (push is null) return planned with { DeliveryId = id };

        if (StalePush.AlreadyBuilt(await stacks.BuildsAsync(name, ct).ConfigureAwait(false), push.Commit) is { } stale)
        {
            if (history is not null) await history.RecordIgnoredAsync(provider.Name, name, push.Branch, push.Commit, id, stale, ct).ConfigureAwait(false);
            return Ignored(stack, provider, push, stale) with { DeliveryId = id };
        }

        var position = queue.Enqueue(new DeployRequest(name, push.Commit, push.Branch!, provider.Name, id));
        return position switch
        {
            QueuePosition.Refused => WebhookAnswer.Failed(503, "server stopping", name, provider.Name, id),
            _ => new WebhookAnswer(202, planned.Reply with { Action = "deploy", Queued = position == QueuePosition.Queued }, name, provider.Name, id,
                position == QueuePosition.Queued ? "deploy queued (runs after the stack's current deploy)" : "deploy started"),
        };
    }

    /// <summary>What a verified delivery asks for, before dedupe: pong, ignored (why), a bad payload, or a deploy
    /// (then <c>Deploy</c> is the push to deploy).</summary>
    private static (WebhookAnswer Answer, PushEvent? Deploy) Plan(StackConfig stack, WebhookProvider provider, WebhookDelivery delivery)
    {
        var eventName = provider.EventName(delivery.Headers);
        if (provider.IsPing(eventName))
            return (new WebhookAnswer(200, new WebhookReply { Stack = stack.Name, Action = "pong" }, stack.Name, provider.Name, null, "pong"), null);
        if (!provider.IsPush(eventName))
            return (Ignored(stack, provider, null, $"event '{eventName}' is not a push"), null);
        if (!PushPayload.TryParse(delivery.Body, delivery.ContentType, out var push, out var problem))
            return (WebhookAnswer.Failed(400, "bad push payload: " + problem, stack.Name, provider.Name), null);
        var wanted = stack.Webhook?.Branch ?? stack.Repo?.Branch;
        if (push!.Branch is null) return (Ignored(stack, provider, push, $"{push.Ref} is not a branch"), null);
        if (push.Deleted) return (Ignored(stack, provider, push, $"branch {push.Branch} was deleted"), null);
        if (wanted is null) return (Ignored(stack, provider, push, "the stack has no repo branch; set branch in [stacks.webhook]"), null);
        if (push.Branch != wanted) return (Ignored(stack, provider, push, $"push to {push.Branch}; the stack deploys {wanted}"), null);
        return (new WebhookAnswer(202, new WebhookReply { Stack = stack.Name, Commit = push.Commit, Branch = push.Branch }, stack.Name, provider.Name, null, "deploy"), push);
    }

    private static WebhookAnswer Ignored(StackConfig stack, WebhookProvider provider, PushEvent? push, string reason) =>
        new(202, new WebhookReply { Stack = stack.Name, Commit = push?.Commit, Branch = push?.Branch ?? push?.Ref, Action = "ignored", Reason = reason },
            stack.Name, provider.Name, null, "ignored: " + reason);

    private static bool IsDeliveryId(string id) =>
        id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
