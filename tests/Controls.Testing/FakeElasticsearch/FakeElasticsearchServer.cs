using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Controls.Testing.FakeElasticsearch;

/// <summary>
/// A loopback Elasticsearch / OpenSearch (Kestrel on 127.0.0.1, a free port) serving <see cref="FakeElasticsearchState"/>
/// in the documented wire shapes: <c>GET /</c>, ILM <c>/_ilm/policy</c> and <c>/{target}/_ilm/explain</c>, data streams
/// <c>/_data_stream</c> (lifecycle and managed_by as in 8.11+), ISM <c>/_plugins/_ism/policies</c> (from/size paging) and <c>/_plugins/_ism/explain/{pattern}</c>; ApiKey and basic
/// auth with the security_exception 401 body; faults through <see cref="Faults"/>.
/// </summary>
public sealed class FakeElasticsearchServer : IAsyncDisposable
{
    private const long CreatedMillis = 1_793_000_000_000;

    private LoopbackHost _host = null!;

    private FakeElasticsearchServer(FakeElasticsearchState state)
    {
        State = state;
    }

    public FakeElasticsearchState State { get; }

    public FakeElasticsearchFaults Faults { get; } = new();

    public FakeElasticsearchRequestLog Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeElasticsearchServer> StartAsync(FakeElasticsearchState state)
    {
        var server = new FakeElasticsearchServer(state);
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.BaseUrl = server._host.BaseUrl;
        return server;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "/");
        var authorization = http.Request.Headers.Authorization.ToString();
        var parts = authorization.Split(' ', 2);
        var scheme = parts[0].Length == 0 ? null : parts[0];
        var (status, body) = Answer(http.Request, path, scheme, parts.Length == 2 ? parts[1].Trim() : null);
        http.Response.StatusCode = status;
        http.Response.Headers["X-elastic-product"] = "Elasticsearch";
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = new(["Basic realm=\"security\", charset=\"UTF-8\"", "ApiKey"]);
        }

        Requests.Add(new FakeElasticsearchLoggedRequest(http.Request.Method, path, http.Request.QueryString.Value ?? string.Empty, status, scheme));
        http.Response.ContentType = "application/json; charset=UTF-8";
        var bytes = Encoding.UTF8.GetBytes(body);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes);
    }

    private (int Status, string Body) Answer(HttpRequest request, string path, string? scheme, string? credential)
    {
        if (!Authenticated(scheme, credential))
        {
            return (401, Error(401, "security_exception", "unable to authenticate with provided credentials and anonymous access is not allowed for this request"));
        }

        if (Faults.Match(path, forTruncation: false) is { } fault)
        {
            return (fault.Status, Error(fault.Status, fault.Type ?? (fault.Status >= 500 ? "node_not_connected_exception" : "exception"), fault.Reason ?? "injected fault"));
        }

        var (status, node) = request.Method == "GET" ? Route(request, path) : (405, (JsonNode)JsonNode.Parse(Error(405, "exception", "method not allowed"))!);
        var body = node.ToJsonString();
        if (status == 200 && Faults.Match(path, forTruncation: true) is not null)
        {
            body = body[..(body.Length / 2)];
        }

        return (status, body);
    }

    private bool Authenticated(string? scheme, string? credential)
    {
        if (string.Equals(scheme, "ApiKey", StringComparison.OrdinalIgnoreCase))
        {
            return State.IsValidApiKey(credential);
        }

        if (string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase) && credential is not null)
        {
            try
            {
                return State.IsValidBasic(Encoding.UTF8.GetString(Convert.FromBase64String(credential)));
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return false;
    }

    private (int, JsonNode) Route(HttpRequest request, string path)
    {
        var openSearch = State.Flavour == FakeLogStoreFlavour.OpenSearch;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            [] when State.NotASearchCluster => (200, new JsonObject { ["name"] = "kibana", ["status"] = new JsonObject { ["overall"] = new JsonObject { ["level"] = "available" } } }),
            [] => (200, Root()),
            ["_ilm", "policy"] when !openSearch => (200, IlmPolicies()),
            [var target, "_ilm", "explain"] when !openSearch && target is "*" or "_all" => (200, IlmExplain(request.Query["only_managed"] == "true")),
            ["_data_stream"] when !openSearch => (200, DataStreams()),
            ["_plugins", "_ism", "policies"] when openSearch => (200, IsmPolicies(Int(request.Query["from"], 0), Int(request.Query["size"], 20))),
            ["_plugins", "_ism", "explain", "*"] when openSearch => (200, IsmExplain()),
            _ when openSearch && segments is ["_ilm", ..] or [_, "_ilm", ..] =>
                (400, JsonNode.Parse(Error(400, "illegal_argument_exception", $"no handler found for uri [{path}] and method [GET]"))!),
            _ => (404, JsonNode.Parse(Error(404, "index_not_found_exception", $"no such index [{segments.FirstOrDefault()}]"))!),
        };
    }

    private JsonObject Root()
    {
        var version = new JsonObject
        {
            ["number"] = State.Version,
            ["build_type"] = "tar",
            ["build_hash"] = "f5e21c6b6c2a9d0f3d2c3b6b8f6c2b8a1e6d4c1f",
            ["build_date"] = "2026-10-01T10:00:00.000Z",
            ["build_snapshot"] = false,
            ["lucene_version"] = "9.11.1",
            ["minimum_wire_compatibility_version"] = "7.17.0",
            ["minimum_index_compatibility_version"] = "7.0.0",
        };
        if (State.Flavour == FakeLogStoreFlavour.OpenSearch)
        {
            version["distribution"] = "opensearch";
        }
        else
        {
            version["build_flavor"] = "default";
        }

        return new JsonObject
        {
            ["name"] = "node-1",
            ["cluster_name"] = State.ClusterName,
            ["cluster_uuid"] = "b6Zc3Ha4QvCn7mXoW2kT5g",
            ["version"] = version,
            ["tagline"] = State.Flavour == FakeLogStoreFlavour.OpenSearch ? "The OpenSearch Project: https://opensearch.org/" : "You Know, for Search",
        };
    }

    private JsonObject IlmPolicies()
    {
        var result = new JsonObject();
        var indices = State.Indices;
        foreach (var policy in State.Policies)
        {
            var phases = new JsonObject
            {
                ["hot"] = new JsonObject
                {
                    ["min_age"] = "0ms",
                    ["actions"] = new JsonObject { ["rollover"] = new JsonObject { ["max_age"] = "1d", ["max_primary_shard_size"] = "50gb" } },
                },
            };
            if (policy.WarmAfter is { } warm)
            {
                phases["warm"] = new JsonObject
                {
                    ["min_age"] = warm,
                    ["actions"] = new JsonObject { ["forcemerge"] = new JsonObject { ["max_num_segments"] = 1 } },
                };
            }

            if (policy.DeleteAfter is { } delete)
            {
                phases["delete"] = new JsonObject
                {
                    ["min_age"] = delete,
                    ["actions"] = new JsonObject { ["delete"] = new JsonObject { ["delete_searchable_snapshot"] = true } },
                };
            }

            result[policy.Name] = new JsonObject
            {
                ["version"] = 1,
                ["modified_date"] = "2026-10-01T10:00:00.000Z",
                ["policy"] = new JsonObject { ["phases"] = phases },
                ["in_use_by"] = new JsonObject
                {
                    ["indices"] = new JsonArray(indices.Where(i => i.Policy == policy.Name).Select(i => (JsonNode)i.Name).ToArray()),
                    ["data_streams"] = new JsonArray(),
                    ["composable_templates"] = new JsonArray(),
                },
            };
        }

        return result;
    }

    private JsonObject IlmExplain(bool onlyManaged)
    {
        var indices = new JsonObject();
        foreach (var index in State.Indices.Where(i => !onlyManaged || i.Policy is not null))
        {
            indices[index.Name] = index.Policy is null
                ? new JsonObject { ["index"] = index.Name, ["managed"] = false }
                : new JsonObject
                {
                    ["index"] = index.Name,
                    ["index_creation_date_millis"] = CreatedMillis,
                    ["time_since_index_creation"] = "3.2d",
                    ["managed"] = true,
                    ["policy"] = index.Policy,
                    ["lifecycle_date_millis"] = CreatedMillis,
                    ["age"] = "3.2d",
                    ["phase"] = "hot",
                    ["phase_time_millis"] = CreatedMillis,
                    ["action"] = "rollover",
                    ["action_time_millis"] = CreatedMillis,
                    ["step"] = "check-rollover-ready",
                    ["step_time_millis"] = CreatedMillis,
                    ["phase_execution"] = new JsonObject { ["policy"] = index.Policy, ["version"] = 1, ["modified_date_in_millis"] = CreatedMillis },
                };
        }

        return new JsonObject { ["indices"] = indices };
    }

    /// <summary><c>GET /_data_stream</c> as Elasticsearch 8.15 answers it, lifecycle and managed_by included.</summary>
    private JsonObject DataStreams()
    {
        var streams = new JsonArray();
        foreach (var stream in State.DataStreams.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var indices = new JsonArray();
            foreach (var index in stream.BackingIndices)
            {
                var entry = new JsonObject
                {
                    ["index_name"] = index,
                    ["index_uuid"] = "Xq2mW7pKS0uT1v3yZ5b8cA",
                    ["prefer_ilm"] = stream.PreferIlm,
                };
                if (stream.IlmPolicy is not null)
                {
                    entry["ilm_policy"] = stream.IlmPolicy;
                }

                entry["managed_by"] = stream.ManagedBy;
                indices.Add(entry);
            }

            var node = new JsonObject
            {
                ["name"] = stream.Name,
                ["timestamp_field"] = new JsonObject { ["name"] = "@timestamp" },
                ["indices"] = indices,
                ["generation"] = stream.BackingIndices.Count,
                ["status"] = "GREEN",
                ["template"] = stream.Name + "-template",
            };
            if (stream.Lifecycle)
            {
                var lifecycle = new JsonObject { ["enabled"] = true };
                if (stream.DataRetention is { } retention)
                {
                    lifecycle["data_retention"] = retention;
                    lifecycle["effective_retention"] = retention;
                    lifecycle["retention_determined_by"] = "data_stream_configuration";
                }

                node["lifecycle"] = lifecycle;
            }

            node["next_generation_managed_by"] = stream.ManagedBy;
            node["prefer_ilm"] = stream.PreferIlm;
            if (stream.IlmPolicy is not null)
            {
                node["ilm_policy"] = stream.IlmPolicy;
            }

            node["hidden"] = false;
            node["system"] = false;
            node["allow_custom_routing"] = false;
            node["replicated"] = false;
            node["rollover_on_write"] = false;
            streams.Add(node);
        }

        return new JsonObject { ["data_streams"] = streams };
    }

    private JsonObject IsmPolicies(int from, int size)
    {
        var all = State.Policies.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var page = new JsonArray();
        foreach (var policy in all.Skip(from).Take(size))
        {
            var states = new JsonArray();
            var hotTransitions = new List<JsonNode>();
            if (policy.WarmAfter is { } warm)
            {
                hotTransitions.Add(Transition("warm", warm));
            }
            else if (policy.DeleteAfter is { } deleteFromHot)
            {
                hotTransitions.Add(Transition("delete", deleteFromHot));
            }

            states.Add(StateNode("hot", [new JsonObject { ["rollover"] = new JsonObject { ["min_index_age"] = "1d" }, ["retry"] = Retry() }], [.. hotTransitions]));
            if (policy.WarmAfter is not null)
            {
                states.Add(StateNode(
                    "warm",
                    [new JsonObject { ["replica_count"] = new JsonObject { ["number_of_replicas"] = 1 }, ["retry"] = Retry() }],
                    policy.DeleteAfter is { } deleteFromWarm ? [Transition("delete", deleteFromWarm)] : []));
            }

            if (policy.DeleteAfter is not null)
            {
                states.Add(StateNode("delete", [new JsonObject { ["delete"] = new JsonObject(), ["retry"] = Retry() }], []));
            }

            page.Add(new JsonObject
            {
                ["_id"] = policy.Name,
                ["_seq_no"] = 0,
                ["_primary_term"] = 1,
                ["policy"] = new JsonObject
                {
                    ["policy_id"] = policy.Name,
                    ["description"] = $"Retention for {policy.Name}",
                    ["last_updated_time"] = CreatedMillis,
                    ["schema_version"] = 21,
                    ["error_notification"] = null,
                    ["default_state"] = "hot",
                    ["states"] = states,
                    ["ism_template"] = policy.IndexPatterns.Count == 0
                        ? null
                        : new JsonArray(new JsonObject
                        {
                            ["index_patterns"] = new JsonArray(policy.IndexPatterns.Select(p => (JsonNode)p).ToArray()),
                            ["priority"] = 100,
                            ["last_updated_time"] = CreatedMillis,
                        }),
                },
            });
        }

        return new JsonObject { ["policies"] = page, ["total_policies"] = all.Count };

        static JsonObject Transition(string target, string age) =>
            new() { ["state_name"] = target, ["conditions"] = new JsonObject { ["min_index_age"] = age } };

        static JsonObject Retry() => new() { ["count"] = 3, ["backoff"] = "exponential", ["delay"] = "1m" };

        static JsonObject StateNode(string name, JsonNode[] actions, JsonNode[] transitions) =>
            new() { ["name"] = name, ["actions"] = new JsonArray(actions), ["transitions"] = new JsonArray(transitions) };
    }

    private JsonObject IsmExplain()
    {
        var result = new JsonObject();
        var managed = 0;
        foreach (var index in State.Indices)
        {
            if (index.Policy is null)
            {
                result[index.Name] = new JsonObject
                {
                    ["index.plugins.index_state_management.policy_id"] = null,
                    ["index.opendistro.index_state_management.policy_id"] = null,
                    ["enabled"] = null,
                };
                continue;
            }

            managed++;
            result[index.Name] = new JsonObject
            {
                ["index.plugins.index_state_management.policy_id"] = index.Policy,
                ["index.opendistro.index_state_management.policy_id"] = index.Policy,
                ["index"] = index.Name,
                ["index_uuid"] = "Vt3bR1XnQ3G2hP1f9wJk0w",
                ["policy_id"] = index.Policy,
                ["enabled"] = true,
                ["state"] = new JsonObject { ["name"] = "hot", ["start_time"] = CreatedMillis },
            };
        }

        result["total_managed_indices"] = managed;
        return result;
    }

    private static int Int(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Elasticsearch's error body: root_cause array, type, reason and the status.</summary>
    private static string Error(int status, string type, string reason) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
            ["type"] = type,
            ["reason"] = reason,
        },
        ["status"] = status,
    }.ToJsonString();
}
