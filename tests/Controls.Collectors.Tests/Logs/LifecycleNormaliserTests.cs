using System.Text.Json;
using Controls.Collectors.Logs;
using Controls.Collectors.Logs.Wire;

namespace Controls.Collectors.Tests.Logs;

public sealed class LifecycleNormaliserTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void FromIlm_DeletePhaseWithoutDeleteAction_NeverDeletes()
    {
        var entry = JsonSerializer.Deserialize<IlmPolicyEntryWire>(
            """{"version":1,"policy":{"phases":{"hot":{"min_age":"0ms","actions":{"rollover":{"max_age":"1d"}}},"delete":{"min_age":"30d","actions":{"wait_for_snapshot":{"policy":"nightly"}}}}}}""", Web)!;

        var policy = LifecycleNormaliser.FromIlm("snapshots-only", entry);

        Assert.Null(policy.DeleteAfterDays);
        Assert.Equal(30, policy.HotDays);
    }

    [Fact]
    public void FromIlm_DeletePhaseWithoutMinAge_DeletesImmediately()
    {
        var entry = JsonSerializer.Deserialize<IlmPolicyEntryWire>(
            """{"policy":{"phases":{"hot":{"actions":{}},"delete":{"actions":{"delete":{}}}}}}""", Web)!;

        Assert.Equal(0, LifecycleNormaliser.FromIlm("p", entry).DeleteAfterDays);
    }

    [Fact]
    public void FromIsm_TransitionOnDocCount_CountsAsAnyAge()
    {
        // hot → (min_index_age 30d) → warm → (min_doc_count only) → delete: the delete can happen at 30 days.
        var policy = JsonSerializer.Deserialize<IsmPolicyWire>(
            """
            {"policy_id":"p","default_state":"hot","states":[
              {"name":"hot","actions":[],"transitions":[{"state_name":"warm","conditions":{"min_index_age":"30d"}}]},
              {"name":"warm","actions":[{"replica_count":{"number_of_replicas":1}}],"transitions":[{"state_name":"delete","conditions":{"min_doc_count":1000}}]},
              {"name":"delete","actions":[{"delete":{},"retry":{"count":3}}],"transitions":[]}],
             "ism_template":{"index_patterns":["logs-*"],"priority":1}}
            """, Web)!;

        var normalised = LifecycleNormaliser.FromIsm(policy);

        Assert.Equal(30, normalised.DeleteAfterDays);
        Assert.Equal(30, normalised.HotDays);
        Assert.Equal(["logs-*"], normalised.IndexPatterns);
        Assert.Equal(["delete"], normalised.Phases.Single(p => p.Name == "delete").Actions);
    }

    [Fact]
    public void FromIsm_DeleteStateUnreachable_NeverDeletes()
    {
        var policy = JsonSerializer.Deserialize<IsmPolicyWire>(
            """
            {"policy_id":"p","default_state":"hot","states":[
              {"name":"hot","actions":[],"transitions":[]},
              {"name":"delete","actions":[{"delete":{}}],"transitions":[]}]}
            """, Web)!;

        Assert.Null(LifecycleNormaliser.FromIsm(policy).DeleteAfterDays);
    }
}
