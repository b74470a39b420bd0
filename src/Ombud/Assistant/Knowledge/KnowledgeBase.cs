using Lucene.Net.Analysis;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Ombud.Assistant.Knowledge;

/// <summary>
/// Ombud's how-to articles, shipped inside the executable and indexed in memory at start with Lucene.Net: one index per
/// language with that language's stemming analyser, ranked by BM25. A question in Swedish searches the Swedish
/// articles first and the English ones after, since not every article is translated.
/// </summary>
internal sealed class KnowledgeBase : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int MaxQueryWords = 40;

    private static readonly Dictionary<string, float> Boosts = new(StringComparer.Ordinal) { ["title"] = 2f, ["keywords"] = 2f, ["body"] = 1f };

    private readonly Dictionary<string, Index> _indexes;

    public KnowledgeBase(IEnumerable<Article> articles)
    {
        Articles = [.. articles];
        _indexes = Articles.GroupBy(a => a.Language, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Index(AnalyzerFor(g.Key), g), StringComparer.Ordinal);
    }

    public IReadOnlyList<Article> Articles { get; }

    /// <summary>The articles shipped in the executable (Assistant/Knowledge/Articles/*.md).</summary>
    public static KnowledgeBase Shipped()
    {
        var assembly = typeof(KnowledgeBase).Assembly;
        const string prefix = "Ombud.Assistant.Knowledge.";
        var articles = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return Article.Parse(name, reader.ReadToEnd());
            });
        return new KnowledgeBase(articles);
    }

    /// <summary>
    /// The best article for a question, in <paramref name="language"/> when one is good enough, else in English; null
    /// when nothing scores at least <paramref name="minimumScore"/> (BM25, summed over the fields).
    /// </summary>
    public KnowledgeHit? Search(string question, string language, double minimumScore)
    {
        foreach (var candidate in language == "en" ? ["en"] : new[] { language, "en" })
        {
            if (_indexes.TryGetValue(candidate, out var index) && index.Best(question) is { } hit && hit.Score >= minimumScore * Scale(index))
            {
                return hit;
            }
        }

        return null;
    }

    /// <summary>
    /// BM25's inverse document frequency grows with the log of the number of articles, so a language with fewer
    /// articles scores a good match lower; the threshold, set on the English index, shrinks with it.
    /// </summary>
    private double Scale(Index index) =>
        _indexes.TryGetValue("en", out var english) ? Math.Log(1 + index.Count) / Math.Log(1 + english.Count) : 1;

    public Article? Find(string id, string language) =>
        Articles.FirstOrDefault(a => a.Id == id && a.Language == language) ?? Articles.FirstOrDefault(a => a.Id == id && a.Language == "en");

    public void Dispose()
    {
        foreach (var index in _indexes.Values)
        {
            index.Dispose();
        }
    }

    private static Analyzer AnalyzerFor(string language) => language switch
    {
        "sv" => new SwedishAnalyzer(Version),
        "de" => new GermanAnalyzer(Version),
        _ => new EnglishAnalyzer(Version),
    };

    private sealed class Index : IDisposable
    {
        private readonly Analyzer _analyzer;
        private readonly RAMDirectory _directory = new();
        private readonly DirectoryReader _reader;
        private readonly IndexSearcher _searcher;
        private readonly List<Article> _articles;

        public Index(Analyzer analyzer, IEnumerable<Article> articles)
        {
            _analyzer = analyzer;
            _articles = [.. articles];
            using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() }))
            {
                for (var i = 0; i < _articles.Count; i++)
                {
                    writer.AddDocument(new Document
                    {
                        new StoredField("n", i),
                        new TextField("title", _articles[i].Title, Field.Store.NO),
                        new TextField("keywords", _articles[i].Keywords.Replace(',', ' '), Field.Store.NO),
                        new TextField("body", _articles[i].Body, Field.Store.NO),
                    });
                }

                writer.Commit();
            }

            _reader = DirectoryReader.Open(_directory);
            _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        }

        public int Count => _articles.Count;

        public KnowledgeHit? Best(string question)
        {
            var words = question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(MaxQueryWords);
            var escaped = string.Join(' ', words.Select(QueryParserBase.Escape));
            if (escaped.Length == 0)
            {
                return null;
            }

            Query query;
            try
            {
                // The parser keeps state while parsing, so each search has its own; an OR of the words, fields boosted.
                query = new MultiFieldQueryParser(Version, ["title", "keywords", "body"], _analyzer, Boosts).Parse(escaped);
            }
            catch (ParseException)
            {
                return null;
            }

            var top = _searcher.Search(query, 1);
            if (top.ScoreDocs.Length == 0)
            {
                return null;
            }

            var number = _searcher.Doc(top.ScoreDocs[0].Doc).GetField("n").GetInt32Value()!.Value;
            return new KnowledgeHit(_articles[number], top.ScoreDocs[0].Score);
        }

        public void Dispose()
        {
            _reader.Dispose();
            _directory.Dispose();
            _analyzer.Dispose();
        }
    }
}

/// <summary>An article found for a question, with its BM25 score (kept in the reply's explanation).</summary>
internal sealed record KnowledgeHit(Article Article, double Score);
