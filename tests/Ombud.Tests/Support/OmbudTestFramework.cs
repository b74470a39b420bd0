using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Ombud.Tests.Support.OmbudTestFramework", "Ombud.Tests")]

namespace Ombud.Tests.Support;

/// <summary>
/// xUnit's own framework plus one thing at the end of the run: the migrated templates are removed. xUnit 2 has no
/// assembly fixture, and a process-exit handler is too late: the test platform kills the test host moments after the
/// run, mid-way through dropping a database.
/// </summary>
public sealed class OmbudTestFramework : XunitTestFramework
{
    public OmbudTestFramework(IMessageSink messageSink)
        : base(messageSink) => DisposalTracker.Add(new TemplatesRemoval());

    private sealed class TemplatesRemoval : IDisposable
    {
        public void Dispose() => MigratedTemplates.RemoveBuilt();
    }
}
