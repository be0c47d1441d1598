/**
 * The one list of SPL commands and of eval and stats functions. Diagnostics, completion and hover
 * read it, and the local engine reads it to tell a real command it does not implement from an
 * unknown one. Summaries are our own words; `url` points at Splunk's Search Reference.
 */

const REFERENCE = 'https://docs.splunk.com/Documentation/Splunk/latest/SearchReference/';

/**
 * `first`: a generating command that must open its pipeline. `append`: generating, but allowed
 * later when given `append=true` (inputlookup, tstats, ...). `false`: a streaming or transforming
 * command that reads events.
 */
export type Generating = 'first' | 'append' | false;

export interface CommandInfo {
  name: string;
  generating: Generating;
  summary: string;
  /** Option names (`name=`) and keywords the command takes, for completion. */
  options: readonly string[];
  url: string;
  /** Set for commands an app adds rather than Splunk itself. */
  app?: string;
}

type CommandRow = [name: string, generating: Generating, summary: string, options?: string, page?: string, app?: string];

const page = (name: string): string => name[0]!.toUpperCase() + name.slice(1);

// Rows: name, generating, summary, space-separated options and keywords, Search Reference page
// (defaults to the capitalised name), and the app for commands that come from one.
const COMMAND_ROWS: CommandRow[] = [
  ['abstract', false, 'Shortens each event to a summary of its most relevant lines.', 'maxterms maxlines'],
  ['accum', false, 'Keeps a running total of a numeric field.', 'AS'],
  ['addcoltotals', false, 'Appends a row with the sum of each numeric column.', 'labelfield label'],
  ['addinfo', false, 'Adds fields describing the search: its time range and search id.', ''],
  ['addtotals', false, 'Adds a field with the sum of the numeric fields of each row.', 'row col labelfield label fieldname'],
  ['analyzefields', false, 'Scores how well each numeric field predicts a class field.', 'classfield'],
  ['anomalies', false, 'Scores how unexpected each event is compared with the ones before it.', 'threshold labelonly normalize maxvalues field denylist denylistthreshold by'],
  ['anomalousvalue', false, 'Finds field values that are unusual for their field.', 'action pthresh minsupcount maxanofreq minsupfreq minnormfreq'],
  ['anomalydetection', false, 'Finds anomalous events by the probability of their field values.', 'method action pthresh cutoff'],
  ['append', false, 'Adds the results of a subsearch after the current results.', 'extendtimerange maxtime maxout timeout'],
  ['appendcols', false, 'Adds the fields of a subsearch\'s results to the current results, row by row.', 'override extendtimerange maxtime maxout timeout'],
  ['appendpipe', false, 'Runs a sub-pipeline over the current results and appends its output.', 'run_in_preview'],
  ['arules', false, 'Finds association rules between field values.', 'sup conf'],
  ['associate', false, 'Finds fields whose values tend to occur together.', 'supcnt supfreq improv'],
  ['autoregress', false, 'Copies earlier values of a field into the current event for moving comparisons.', 'AS p'],
  ['bin', false, 'Puts numeric or time values into discrete buckets (spans).', 'span bins minspan start end aligntime AS'],
  ['bucket', false, 'Alias of bin: puts values into discrete buckets.', 'span bins minspan start end aligntime AS', 'Bin'],
  ['bucketdir', false, 'Replaces file paths by their parent directory to group them.', 'pathfield sizefield maxcount countfield sep'],
  ['chart', false, 'Aggregates results into a table for charting, split by one or two fields.', 'over by span limit useother usenull otherstr nullstr cont format sep agg bins'],
  ['cluster', false, 'Groups similar events together.', 't delims showcount countfield labelfield field labelonly match'],
  ['cofilter', false, 'Counts how often pairs of values of two fields occur together.', ''],
  ['collect', false, 'Writes the results to a summary index.', 'index addtime file spool marker output_format testmode run_in_preview host source sourcetype'],
  ['concurrency', false, 'Counts how many events overlap in time with each event.', 'duration start output'],
  ['contingency', false, 'Builds a contingency table of two fields.', 'maxrows maxcols mincolcover minrowcover usetotal totalstr'],
  ['convert', false, 'Converts field values, for example times to strings or strings to numbers.', 'timeformat AS auto ctime dur2sec memk mktime mstime none num rmcomma rmunit'],
  ['correlate', false, 'Computes how often each pair of fields appears in the same results.', ''],
  ['datamodel', 'first', 'Reads a data model or one of its datasets, or searches it.', 'summariesonly allow_old_summaries search flat acceleration_search'],
  ['dbinspect', 'first', 'Lists the buckets of an index and their properties.', 'index span timeformat corruptonly'],
  ['dedup', false, 'Removes results that repeat the values of the given fields.', 'keepevents keepempty consecutive sortby'],
  ['delete', false, 'Marks the matching events as deleted so no search returns them again.', ''],
  ['delta', false, 'Computes the difference between a field\'s value and its previous value.', 'AS p'],
  ['diff', false, 'Compares two results line by line.', 'position1 position2 attribute diffheader context maxlen'],
  ['erex', false, 'Builds a field extraction from example values.', 'fromfield examples counterexamples maxtrainers'],
  ['eval', false, 'Computes a field from an expression.', ''],
  ['eventcount', 'first', 'Counts the events in one or more indexes.', 'index summarize report_size list_vix'],
  ['eventstats', false, 'Adds statistics over all results to every result, without grouping them away.', 'allnum by'],
  ['extract', false, 'Extracts key=value pairs from the raw text.', 'clean_keys kvdelim limit maxchars mv_add pairdelim reload segment'],
  ['fieldformat', false, 'Changes how a field is displayed without changing its value.', ''],
  ['fields', false, 'Keeps (or, with -, removes) the listed fields.', ''],
  ['fieldsummary', false, 'Summarises each field: count, distinct values, numeric statistics.', 'maxvals'],
  ['filldown', false, 'Fills empty values with the last non-empty value of the field.', ''],
  ['fillnull', false, 'Replaces empty field values with a value (0 by default).', 'value'],
  ['findtypes', false, 'Suggests event types for the results.', 'max notcovered useraw'],
  ['foreach', false, 'Runs a templated eval over each field that matches a pattern.', 'fieldstr matchstr matchseg1 matchseg2 matchseg3 mode'],
  ['folderize', false, 'Groups names into a folder-like hierarchy for menus.', 'attr sep size minfolders maxfolders'],
  ['format', false, 'Turns results into one search string, the way a subsearch returns them.', 'mvsep maxresults emptystr'],
  ['from', 'first', 'Reads a dataset: a data model, a lookup, a saved search.', ''],
  ['fromjson', false, 'Expands a JSON object in a field into fields.', 'prefix'],
  ['gauge', false, 'Turns a value into a gauge chart with ranges.', ''],
  ['gentimes', 'first', 'Generates time ranges between two times.', 'start end increment'],
  ['geom', false, 'Adds the geographic shapes of features for choropleth maps.', 'featureCollection allFeatures featureIdField gen min_x min_y max_x max_y'],
  ['geostats', false, 'Aggregates results into geographic bins for maps.', 'latfield longfield outputlatfield outputlongfield globallimit locallimit binspanlat binspanlong maxzoomlevel by'],
  ['head', false, 'Keeps the first N results (10 by default), or those until an expression is false.', 'limit null keeplast'],
  ['highlight', false, 'Highlights the given terms in the events.', ''],
  ['history', 'first', 'Lists the searches you have run.', 'events'],
  ['iconify', false, 'Shows a unique icon for each distinct value combination.', ''],
  ['inputcsv', 'append', 'Reads results from a CSV file in the dispatch or lookups directory.', 'dispatch append start max events'],
  ['inputlookup', 'append', 'Reads the rows of a lookup table.', 'append start max where'],
  ['input', false, 'Adds or removes a data input (older releases).', 'add remove'],
  ['iplocation', false, 'Adds city, country, region and coordinates for an IP address field.', 'prefix allfields lang'],
  ['join', false, 'Joins the results with those of a subsearch on the given fields.', 'type usetime earlier overwrite max left right where'],
  ['kmeans', false, 'Clusters results with k-means.', 'k reps maxiters t cnumfield distype showcentroid'],
  ['kv', false, 'Alias of extract: extracts key=value pairs.', 'clean_keys kvdelim limit maxchars mv_add pairdelim reload segment', 'Extract'],
  ['loadjob', 'first', 'Loads the results of an earlier search job or a scheduled search.', 'events job_delegate artifact_offset ignore_running savedsearch'],
  ['localize', false, 'Finds the time ranges in which results occur.', 'maxpause timeafter timebefore'],
  ['localop', false, 'Runs the rest of the search on the search head, not the indexers.', ''],
  ['lookup', false, 'Adds fields from a lookup table matched on the given fields.', 'local update OUTPUT OUTPUTNEW AS'],
  ['makecontinuous', false, 'Fills gaps in a numeric or time field so it has no missing buckets.', 'span bins minspan start end'],
  ['makemv', false, 'Splits a field\'s value into a multivalue field.', 'delim tokenizer allowempty setsv'],
  ['makeresults', 'first', 'Generates empty results, each with _time: a starting point for eval.', 'count annotate splunk_server splunk_server_group format data'],
  ['map', false, 'Runs a search once for each result, substituting its field values.', 'search maxsearches'],
  ['mcatalog', 'append', 'Lists the metric names and dimensions in metrics indexes.', 'prestats append by where'],
  ['mcollect', false, 'Writes the results to a metrics index.', 'index file split spool prefix_field host source sourcetype marker'],
  ['metadata', 'first', 'Lists the hosts, sources or sourcetypes of indexes, with counts and times.', 'type index splunk_server splunk_server_group datatype'],
  ['metasearch', 'first', 'Finds events by their metadata only (index, host, source, sourcetype).', ''],
  ['meventcollect', false, 'Turns events into metric data points and writes them to a metrics index.', 'index split spool prefix_field'],
  ['mpreview', 'first', 'Shows the raw metric data points of metrics indexes.', 'index filter target_per_timeseries splunk_server splunk_server_group'],
  ['msearch', 'first', 'Alias of mpreview: shows raw metric data points.', 'index filter target_per_timeseries', 'Mpreview'],
  ['mstats', 'append', 'Computes statistics over metric data points.', 'prestats append backfill update_period fillnull_value chart span by where'],
  ['multikv', false, 'Splits table-formatted events (like ps or top output) into one event per row.', 'conf copyattrs fields filter forceheader multitable noheader rmorig'],
  ['multisearch', 'first', 'Runs several streaming searches at the same time and merges their events.', ''],
  ['mvcombine', false, 'Merges results that differ in one field into one result with a multivalue field.', 'delim'],
  ['mvexpand', false, 'Makes one result per value of a multivalue field.', 'limit'],
  ['nomv', false, 'Turns a multivalue field into a single value.', ''],
  ['outlier', false, 'Removes or caps outlying numeric values.', 'action mark param uselower'],
  ['outputcsv', false, 'Writes the results to a CSV file.', 'append create_empty dispatch usexml singlefile override'],
  ['outputlookup', false, 'Writes the results to a lookup table.', 'append create_empty max key_field createinapp override_if_empty output_format'],
  ['outputtext', false, 'Writes _raw into a field as text.', 'usexml'],
  ['overlap', false, 'Finds overlapping events in a summary index.', ''],
  ['pivot', 'first', 'Runs a pivot over a data model dataset.', ''],
  ['predict', false, 'Forecasts future values of a time series.', 'algorithm future_timespan holdback period upper lower suppress correlate AS'],
  ['rangemap', false, 'Names ranges of a numeric field in a new field (range).', 'field default'],
  ['rare', false, 'Lists the least common values of the given fields, with counts and percentages.', 'by countfield limit percentfield showcount showperc useother otherstr'],
  ['redistribute', false, 'Spreads the rest of the search over intermediate reducers.', 'num_of_reducers by'],
  ['regex', false, 'Keeps (or with != removes) results whose field matches a regular expression.', ''],
  ['reltime', false, 'Adds a human-readable time relative to now (reltime).', ''],
  ['rename', false, 'Renames fields: old AS new.', 'AS'],
  ['replace', false, 'Replaces field values with other values.', 'WITH IN'],
  ['rest', 'first', 'Reads a Splunk REST endpoint.', 'count splunk_server splunk_server_group timeout strict'],
  ['return', false, 'Returns values from a subsearch.', ''],
  ['reverse', false, 'Reverses the order of the results.', ''],
  ['rex', false, 'Extracts fields with a regular expression\'s named groups, or edits a field with sed.', 'field max_match offset_field mode'],
  ['rtorder', false, 'Buffers real-time events to emit them in time order.', 'discard buffer_span max_buffer_size'],
  ['savedsearch', 'first', 'Runs a saved search.', 'nosubstitution'],
  ['script', false, 'Runs an external script as a search command.', ''],
  ['scrub', false, 'Anonymises the results.', 'public-terms private-terms name-terms dictionary timeconfig namespace'],
  ['search', false, 'Keeps the results that match the search terms.', 'index sourcetype source host earliest latest eventtype tag savedsearch'],
  ['searchtxn', 'first', 'Finds transaction events by transaction type.', 'max_terms use_disjunct eventsonly'],
  ['selfjoin', false, 'Joins results with themselves on the given fields.', 'overwrite max keepsingle'],
  ['sendalert', false, 'Triggers an alert action.', 'param'],
  ['sendemail', false, 'Emails the results.', 'to from cc bcc subject message format sendresults inline sendpdf sendcsv priority server width_sort_columns graceful'],
  ['set', 'first', 'Combines two subsearches: union, diff or intersect.', 'union diff intersect'],
  ['setfields', false, 'Sets field values on every result.', ''],
  ['sichart', false, 'The summary-indexing version of chart.', ''],
  ['sirare', false, 'The summary-indexing version of rare.', ''],
  ['sistats', false, 'The summary-indexing version of stats.', ''],
  ['sitimechart', false, 'The summary-indexing version of timechart.', ''],
  ['sitop', false, 'The summary-indexing version of top.', ''],
  ['sort', false, 'Sorts the results by the given fields (- for descending).', 'limit desc auto str ip num'],
  ['spath', false, 'Extracts fields from JSON or XML.', 'input output path'],
  ['stats', false, 'Aggregates results with statistical functions, grouped by fields.', 'partitions allnum delim by dedup_splitvals'],
  ['strcat', false, 'Concatenates fields and strings into a new field.', 'allrequired'],
  ['streamstats', false, 'Adds running statistics to each result in order.', 'current window time_window global allnum reset_before reset_after reset_on_change by'],
  ['summaryindex', false, 'Writes the results to a summary index (the name saved searches use for collect).', 'index addtime file marker', 'Collect'],
  ['table', false, 'Keeps the listed fields, in that order, as a table.', ''],
  ['tags', false, 'Adds the tags of field values.', 'outputfield inclname inclvalue allowed_tags'],
  ['tail', false, 'Keeps the last N results (10 by default), in reverse order.', ''],
  ['timechart', false, 'Aggregates results into time buckets for a time chart.', 'span bins minspan limit useother usenull otherstr nullstr cont partial fixedrange format sep agg by'],
  ['timewrap', false, 'Lays time chart periods side by side to compare them.', 'align series time_format'],
  ['tojson', false, 'Writes fields of each result into a JSON object in _raw or another field.', 'auto default_type fill_null include_internal output_field'],
  ['top', false, 'Lists the most common values of the given fields, with counts and percentages.', 'by countfield limit percentfield showcount showperc useother otherstr'],
  ['transaction', false, 'Groups events into transactions by fields and time.', 'maxspan maxpause maxevents startswith endswith keepevicted mvlist delim connected unifyends keeporphans mvraw nullstr'],
  ['transpose', false, 'Turns rows into columns.', 'column_name header_field include_empty'],
  ['trendline', false, 'Computes moving averages (sma, ema, wma) of a field.', 'AS'],
  ['tscollect', false, 'Writes the results to a namespace for tstats.', 'namespace squashcase keepresults'],
  ['tstats', 'append', 'Computes statistics over indexed fields or accelerated data models.', 'prestats local append summariesonly include_reduced_buckets allow_old_summaries chunk_size fillnull_value from datamodel where by span'],
  ['typeahead', 'first', 'Suggests terms that start with a prefix.', 'prefix count max_time index starttimeu endtimeu collapse'],
  ['typelearner', false, 'Suggests event types.', 'maxlen'],
  ['typer', false, 'Adds the event types that match each event.', 'eventtypes maxlen'],
  ['union', 'first', 'Merges the results of several datasets or subsearches.', 'maxtime maxout timeout'],
  ['uniq', false, 'Removes results that repeat the previous result exactly.', ''],
  ['untable', false, 'Turns a table into rows of x, y and value (the inverse of xyseries).', ''],
  ['walklex', 'first', 'Lists the terms or indexed fields of the index lexicons.', 'index type prefix pattern splunk_server'],
  ['where', false, 'Keeps the results for which an eval expression is true.', ''],
  ['x11', false, 'Removes the seasonal part of a time series.', 'AS'],
  ['xmlkv', false, 'Extracts XML key-value pairs.', 'maxinputs'],
  ['xmlunescape', false, 'Unescapes XML entities.', 'maxinputs'],
  ['xpath', false, 'Extracts a value from an XML field with an XPath.', 'field outfield default'],
  ['xyseries', false, 'Turns rows of x, y and value into a table (the inverse of untable).', 'grouped format sep'],
  // Commands from apps that detection content uses; unknown to a server without the app.
  ['fit', false, 'Trains a machine learning model on the results.', 'into as', 'fit', 'Machine Learning Toolkit'],
  ['apply', false, 'Applies a trained machine learning model to the results.', 'as', 'apply', 'Machine Learning Toolkit'],
  ['summary', false, 'Shows what a trained machine learning model learned.', '', 'summary', 'Machine Learning Toolkit'],
  ['score', false, 'Scores a model\'s predictions against actual values.', '', 'score', 'Machine Learning Toolkit'],
  ['deletemodel', false, 'Deletes a trained machine learning model.', '', 'deletemodel', 'Machine Learning Toolkit'],
  ['dbxquery', 'first', 'Runs an SQL query through a DB Connect connection.', 'connection query procedure params maxrows timeout fetchsize shortnames', 'dbxquery', 'DB Connect'],
  ['dbxlookup', false, 'Enriches results from a database through a DB Connect lookup.', 'lookup', 'dbxlookup', 'DB Connect'],
  ['dbxoutput', false, 'Writes the results to a database through DB Connect.', 'output', 'dbxoutput', 'DB Connect'],
];

const APP_URLS: Record<string, string> = {
  'Machine Learning Toolkit': 'https://docs.splunk.com/Documentation/MLApp/latest/User/Customsearchcommands',
  'DB Connect': 'https://docs.splunk.com/Documentation/DBX/latest/DeployDBX/Commands',
};

export const COMMANDS: ReadonlyMap<string, CommandInfo> = new Map(
  COMMAND_ROWS.map(([name, generating, summary, options = '', pageName, app]) => [
    name,
    {
      name,
      generating,
      summary,
      options: options.split(' ').filter((o) => o !== ''),
      url: app ? APP_URLS[app]! : REFERENCE + (pageName ?? page(name)),
      ...(app ? { app } : {}),
    },
  ]),
);

/** Command names are case-insensitive in Splunk. */
export function commandInfo(name: string): CommandInfo | undefined {
  return COMMANDS.get(name.toLowerCase());
}

/** Commands whose arguments are eval expressions: eval functions apply. */
export const EXPRESSION_COMMANDS: ReadonlySet<string> = new Set(['eval', 'where', 'fieldformat']);
/** Commands whose arguments are aggregations such as `count` or `dc(user) as users`. */
export const AGGREGATION_COMMANDS: ReadonlySet<string> = new Set(['stats', 'eventstats', 'streamstats', 'sistats', 'chart', 'sichart', 'timechart', 'sitimechart', 'tstats', 'mstats', 'geostats']);

export type FunctionKind = 'eval' | 'stats';

export interface FunctionInfo {
  name: string;
  kind: FunctionKind;
  minArgs: number;
  maxArgs: number;
  signature: string;
  summary: string;
  url: string;
}

type FunctionRow = [signature: string, min: number, max: number, summary: string];

const MANY = Infinity;

// Eval functions by Search Reference page. A row's name is its signature up to the '('.
const EVAL_PAGES: Record<string, FunctionRow[]> = {
  ConditionalFunctions: [
    ['case(condition, value, ...)', 2, MANY, 'The value paired with the first true condition.'],
    ['cidrmatch(cidr, ip)', 2, 2, 'True when the IP address is in the CIDR subnet.'],
    ['coalesce(value, ...)', 1, MANY, 'The first argument that is not null.'],
    ['false()', 0, 0, 'The boolean false.'],
    ['if(condition, then, else)', 3, 3, 'then when the condition is true, else otherwise.'],
    ['in(field, value, ...)', 2, MANY, 'True when the field equals one of the values.'],
    ['like(text, pattern)', 2, 2, 'True when the text matches a SQL LIKE pattern (% and _).'],
    ['lookup(lookup, input, output)', 2, 3, 'Looks up a JSON object of fields in a lookup table.'],
    ['match(text, regex)', 2, 2, 'True when the regular expression matches somewhere in the text.'],
    ['null()', 0, 0, 'The null value.'],
    ['nullif(a, b)', 2, 2, 'Null when a equals b, otherwise a.'],
    ['searchmatch(search)', 1, 1, 'True when the event matches the search string.'],
    ['true()', 0, 0, 'The boolean true.'],
    ['validate(condition, message, ...)', 2, MANY, 'The message paired with the first false condition.'],
  ],
  ConversionFunctions: [
    ['ipmask(mask, ip)', 2, 2, 'Applies a netmask to an IPv4 address.'],
    ['printf(format, value, ...)', 1, MANY, 'Formats values like C printf.'],
    ['tonumber(text, base)', 1, 2, 'Converts a string to a number, in base 2 to 36 (10 by default).'],
    ['tostring(value, format)', 1, 2, 'Converts a value to a string; format is "hex", "commas" or "duration".'],
  ],
  CryptographicFunctions: [
    ['md5(text)', 1, 1, 'The MD5 hash of the text, as hex.'],
    ['sha1(text)', 1, 1, 'The SHA-1 hash of the text, as hex.'],
    ['sha256(text)', 1, 1, 'The SHA-256 hash of the text, as hex.'],
    ['sha512(text)', 1, 1, 'The SHA-512 hash of the text, as hex.'],
  ],
  DateandTimeFunctions: [
    ['now()', 0, 0, 'The time the search started, in epoch seconds.'],
    ['relative_time(time, modifier)', 2, 2, 'The time moved by a relative time modifier such as "-1d@d".'],
    ['strftime(time, format)', 2, 2, 'Formats an epoch time as text.'],
    ['strptime(text, format)', 2, 2, 'Parses text into an epoch time.'],
    ['time()', 0, 0, 'The wall-clock time at which the function runs, in epoch seconds.'],
  ],
  InformationalFunctions: [
    ['isarray(value)', 1, 1, 'True when the value is a JSON array.'],
    ['isbool(value)', 1, 1, 'True when the value is a boolean.'],
    ['isint(value)', 1, 1, 'True when the value is an integer.'],
    ['isnotnull(value)', 1, 1, 'True when the value is not null.'],
    ['isnull(value)', 1, 1, 'True when the value is null.'],
    ['isnum(value)', 1, 1, 'True when the value is a number.'],
    ['isobject(value)', 1, 1, 'True when the value is a JSON object.'],
    ['isstr(value)', 1, 1, 'True when the value is a string.'],
    ['typeof(value)', 1, 1, 'The type of the value: Number, String, Boolean, Null, Invalid.'],
  ],
  JSONFunctions: [
    ['json_append(json, path, value, ...)', 3, MANY, 'Appends values to arrays at paths in a JSON document.'],
    ['json_array(value, ...)', 0, MANY, 'A JSON array of the values.'],
    ['json_array_to_mv(json, strip_quotes)', 1, 2, 'A multivalue field from a JSON array.'],
    ['json_delete(json, path, ...)', 2, MANY, 'Removes paths from a JSON document.'],
    ['json_entries(json)', 1, 1, 'The key-value pairs of a JSON object as an array of objects.'],
    ['json_extend(json, path, array, ...)', 3, MANY, 'Extends arrays at paths with the values of other arrays.'],
    ['json_extract(json, path, ...)', 1, MANY, 'The values at paths in a JSON document.'],
    ['json_extract_exact(json, key, ...)', 1, MANY, 'The values of keys, read literally, in a JSON document.'],
    ['json_has_key_exact(json, key)', 2, 2, 'True when the JSON object has the key.'],
    ['json_keys(json)', 1, 1, 'The keys of a JSON object, as a JSON array.'],
    ['json_object(key, value, ...)', 0, MANY, 'A JSON object from key-value pairs.'],
    ['json_set(json, path, value, ...)', 3, MANY, 'Sets values at paths in a JSON document.'],
    ['json_set_exact(json, key, value, ...)', 3, MANY, 'Sets values of keys, read literally, in a JSON document.'],
    ['json_valid(json)', 1, 1, 'True when the text is valid JSON.'],
  ],
  MathematicalFunctions: [
    ['abs(number)', 1, 1, 'The absolute value.'],
    ['ceiling(number)', 1, 1, 'The smallest integer not below the number.'],
    ['ceil(number)', 1, 1, 'Alias of ceiling.'],
    ['exact(expression)', 1, 1, 'Evaluates the expression with full floating-point precision.'],
    ['exp(number)', 1, 1, 'e raised to the number.'],
    ['floor(number)', 1, 1, 'The largest integer not above the number.'],
    ['ln(number)', 1, 1, 'The natural logarithm.'],
    ['log(number, base)', 1, 2, 'The logarithm in a base (10 by default).'],
    ['pi()', 0, 0, 'The constant pi.'],
    ['pow(number, exponent)', 2, 2, 'The number raised to the exponent.'],
    ['round(number, digits)', 1, 2, 'The number rounded to a number of decimals (0 by default).'],
    ['sigfig(number)', 1, 1, 'The number rounded to its significant figures.'],
    ['sqrt(number)', 1, 1, 'The square root.'],
  ],
  MultivalueEvalFunctions: [
    ['commands(search)', 1, 1, 'The commands used in a search string, as a multivalue field.'],
    ['mvappend(value, ...)', 1, MANY, 'One multivalue field from all the values.'],
    ['mvcount(field)', 1, 1, 'The number of values of a multivalue field.'],
    ['mvdedup(field)', 1, 1, 'The values with duplicates removed.'],
    ['mvfilter(condition)', 1, 1, 'The values for which a condition on one field is true.'],
    ['mvfind(field, regex)', 2, 2, 'The index of the first value that matches the regular expression.'],
    ['mvindex(field, start, end)', 2, 3, 'The value at an index, or the values in a range (0-based, negative from the end).'],
    ['mvjoin(field, delimiter)', 2, 2, 'The values joined into one string.'],
    ['mvmap(field, expression)', 2, 2, 'The expression applied to each value.'],
    ['mvrange(start, end, step)', 2, 3, 'A multivalue field of the numbers in a range.'],
    ['mvsort(field)', 1, 1, 'The values sorted lexicographically.'],
    ['mvzip(a, b, delimiter)', 2, 3, 'Pairs the values of two multivalue fields.'],
    ['mv_to_json_array(field, infer_types)', 1, 2, 'A JSON array from a multivalue field.'],
    ['split(text, delimiter)', 2, 2, 'Splits text into a multivalue field.'],
  ],
  StatisticalEvalFunctions: [
    ['avg(number, ...)', 1, MANY, 'The average of the arguments.'],
    ['max(value, ...)', 1, MANY, 'The largest argument.'],
    ['min(value, ...)', 1, MANY, 'The smallest argument.'],
    ['random()', 0, 0, 'A pseudo-random integer from 0 to 2^31-1.'],
    ['sum(number, ...)', 1, MANY, 'The sum of the arguments.'],
  ],
  TextFunctions: [
    ['len(text)', 1, 1, 'The number of characters.'],
    ['lower(text)', 1, 1, 'The text in lower case.'],
    ['ltrim(text, characters)', 1, 2, 'The text without leading characters (spaces and tabs by default).'],
    ['replace(text, regex, replacement)', 3, 3, 'Replaces every match of the regular expression.'],
    ['rtrim(text, characters)', 1, 2, 'The text without trailing characters (spaces and tabs by default).'],
    ['spath(json_or_xml, path)', 2, 2, 'The value at a path in JSON or XML.'],
    ['substr(text, start, length)', 2, 3, 'Part of the text, from a 1-based start.'],
    ['trim(text, characters)', 1, 2, 'The text without leading and trailing characters.'],
    ['upper(text)', 1, 1, 'The text in upper case.'],
    ['urldecode(url)', 1, 1, 'The URL with percent-escapes decoded.'],
  ],
  TrigonometryandHyperbolicFunctions: [
    ...['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh'].map(
      (f): FunctionRow => [`${f}(number)`, 1, 1, `The ${f} of the number (radians).`],
    ),
    ['atan2(y, x)', 2, 2, 'The arc tangent of y/x, in radians.'],
    ['hypot(x, y)', 2, 2, 'The length of the hypotenuse: sqrt(x² + y²).'],
  ],
  BitwiseFunctions: [
    ['bit_and(a, b, ...)', 2, MANY, 'Bitwise AND of integers.'],
    ['bit_or(a, b, ...)', 2, MANY, 'Bitwise OR of integers.'],
    ['bit_not(a, bits)', 1, 2, 'Bitwise NOT of an integer.'],
    ['bit_xor(a, b, ...)', 2, MANY, 'Bitwise XOR of integers.'],
    ['bit_shift_left(a, n)', 2, 2, 'Shifts an integer left by n bits.'],
    ['bit_shift_right(a, n)', 2, 2, 'Shifts an integer right by n bits.'],
  ],
};

// Stats, chart, timechart and tstats functions. A field argument may also be eval(expression).
const STATS_PAGES: Record<string, FunctionRow[]> = {
  Aggregatefunctions: [
    ['avg(field)', 1, 1, 'The average of the values.'],
    ['mean(field)', 1, 1, 'Alias of avg.'],
    ['count(field)', 0, 1, 'The number of events, or of values of the field.'],
    ['c(field)', 0, 1, 'Alias of count.'],
    ['dc(field)', 1, 1, 'The number of distinct values.'],
    ['distinct_count(field)', 1, 1, 'Alias of dc.'],
    ['estdc(field)', 1, 1, 'The estimated number of distinct values.'],
    ['estdc_error(field)', 1, 1, 'The estimated error of estdc.'],
    ['max(field)', 1, 1, 'The largest value (numbers before strings).'],
    ['median(field)', 1, 1, 'The middle value.'],
    ['min(field)', 1, 1, 'The smallest value.'],
    ['mode(field)', 1, 1, 'The most frequent value.'],
    ['perc<N>(field)', 1, 1, 'The N-th percentile (also pN, exactpercN, upperpercN).'],
    ['range(field)', 1, 1, 'max minus min.'],
    ['stdev(field)', 1, 1, 'The sample standard deviation.'],
    ['stdevp(field)', 1, 1, 'The population standard deviation.'],
    ['sum(field)', 1, 1, 'The sum of the values.'],
    ['sumsq(field)', 1, 1, 'The sum of the squares of the values.'],
    ['var(field)', 1, 1, 'The sample variance.'],
    ['varp(field)', 1, 1, 'The population variance.'],
  ],
  Eventorderfunctions: [
    ['first(field)', 1, 1, 'The first value seen (the most recent event in a plain search).'],
    ['last(field)', 1, 1, 'The last value seen.'],
  ],
  Multivaluestatsandchartfunctions: [
    ['list(field)', 1, 1, 'All values, in order, up to 100.'],
    ['values(field)', 1, 1, 'The distinct values, sorted.'],
  ],
  Timefunctions: [
    ['earliest(field)', 1, 1, 'The value in the event with the earliest _time.'],
    ['earliest_time(field)', 1, 1, 'The earliest _time at which the field has a value.'],
    ['latest(field)', 1, 1, 'The value in the event with the latest _time.'],
    ['latest_time(field)', 1, 1, 'The latest _time at which the field has a value.'],
    ['per_day(field)', 1, 1, 'The per-day rate of the field\'s sum.'],
    ['per_hour(field)', 1, 1, 'The per-hour rate of the field\'s sum.'],
    ['per_minute(field)', 1, 1, 'The per-minute rate of the field\'s sum.'],
    ['per_second(field)', 1, 1, 'The per-second rate of the field\'s sum.'],
    ['rate(field)', 1, 1, 'The per-second rate of change of a counter.'],
    ['rate_avg(field)', 1, 1, 'The average rate of a counter metric (mstats).'],
    ['rate_sum(field)', 1, 1, 'The summed rate of a counter metric (mstats).'],
  ],
  Chart: [
    ['sparkline(aggregation, span)', 0, 2, 'A small trend chart of an aggregation (chart and stats).'],
  ],
};

function functionTable(kind: FunctionKind, pages: Record<string, FunctionRow[]>): ReadonlyMap<string, FunctionInfo> {
  const table = new Map<string, FunctionInfo>();
  for (const [pageName, rows] of Object.entries(pages)) {
    for (const [signature, minArgs, maxArgs, summary] of rows) {
      const name = signature.slice(0, signature.indexOf('('));
      table.set(name, { name, kind, minArgs, maxArgs, signature, summary, url: REFERENCE + pageName });
    }
  }
  return table;
}

export const EVAL_FUNCTIONS = functionTable('eval', EVAL_PAGES);
export const STATS_FUNCTIONS = functionTable('stats', STATS_PAGES);

/** perc95, p99, exactperc99.9, upperperc5: percentile functions named by their percentile. */
const PERCENTILE = /^(?:perc|p|percentile|exactperc|upperperc)(\d+(?:\.\d+)?)$/;

/** Eval function names are case-insensitive. */
export function evalFunction(name: string): FunctionInfo | undefined {
  return EVAL_FUNCTIONS.get(name.toLowerCase());
}

export function statsFunction(name: string): FunctionInfo | undefined {
  const lower = name.toLowerCase();
  const known = STATS_FUNCTIONS.get(lower);
  if (known) return known;
  const m = PERCENTILE.exec(lower);
  if (m && Number(m[1]) <= 100) return STATS_FUNCTIONS.get('perc<N>');
  return undefined;
}
