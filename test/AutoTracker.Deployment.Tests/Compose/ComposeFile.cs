using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AutoTracker.Deployment.Compose;

/// <summary>
/// etc/docker/docker-compose.yml parsed with YamlDotNet, with YAML merge keys (&lt;&lt;: *anchor) applied as
/// docker compose applies them. Mappings are string-keyed dictionaries, sequences are lists, scalars are strings.
/// </summary>
internal sealed class ComposeFile
{
    public const string RelativePath = "etc/docker/docker-compose.yml";

    private ComposeFile(string text, IReadOnlyDictionary<string, object?> root)
    {
        Text = text;
        Root = root;
    }

    public string Text { get; }

    public IReadOnlyDictionary<string, object?> Root { get; }

    public IReadOnlyDictionary<string, object?> Services => Map(Root["services"]);

    /// <summary>Services that run the app image as web nodes: every service with the migrator's image except the migrator.</summary>
    public IReadOnlyList<string> WebNodeNames =>
        Services.Keys.Where(name => name != "migrator" && Equals(Service(name).GetValueOrDefault("image"), Service("migrator")["image"])).ToList();

    public static ComposeFile Load() => Parse(Repository.ReadText(RelativePath));

    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static ComposeFile Parse(string text)
    {
        var deserializer = new DeserializerBuilder().Build();
        var document = deserializer.Deserialize(new MergingParser(new Parser(new StringReader(text))));
        return new ComposeFile(text, Map(document));
    }

    public IReadOnlyDictionary<string, object?> Service(string name) => Map(Services[name]);

    /// <summary>Returns a service's environment as a dictionary (compose also allows a list of NAME=value, which this file does not use).</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Map(Service(service)["environment"]).ToDictionary(pair => pair.Key, pair => (string)pair.Value!);

    /// <summary>Returns a mapping node as a dictionary with string keys.</summary>
    /// <exception cref="InvalidCastException">The node is not a mapping.</exception>
    public static IReadOnlyDictionary<string, object?> Map(object? node) =>
        node switch
        {
            IDictionary<object, object?> mapping => mapping.ToDictionary(pair => (string)pair.Key, pair => pair.Value),
            _ => throw new InvalidCastException($"Expected a YAML mapping, found {node?.GetType().Name ?? "nothing"}."),
        };

    /// <summary>Returns a sequence node as a list of strings.</summary>
    public static IReadOnlyList<string> Strings(object? node) =>
        node switch
        {
            IEnumerable<object?> sequence => sequence.Select(item => (string)item!).ToList(),
            _ => throw new InvalidCastException($"Expected a YAML sequence, found {node?.GetType().Name ?? "nothing"}."),
        };
}
