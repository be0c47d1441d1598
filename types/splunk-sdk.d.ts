/**
 * The slice of splunk-sdk 2.0.2 SPL Workbench uses, imported through submodules so the package's
 * index.js (which runs dotenv at import) never loads. Shapes from reference/splunk-rest.md §5.
 */
declare module 'splunk-sdk/lib/http' {
  namespace Http {
    interface RequestMessage {
      method: 'GET' | 'POST' | 'DELETE';
      headers: Record<string, string>;
      timeout?: number;
      response_timeout?: number;
      query?: Record<string, unknown>;
      body: string;
    }
    interface ResponseHead { statusCode: number | 'abort'; headers: Record<string, string | string[] | undefined> }
    /** What every request resolves to, and (for status >= 400, aborts and network errors) rejects with. */
    interface SdkResponse {
      response: ResponseHead;
      status: number | 'abort';
      data: unknown;
      error: unknown;
    }
  }
  class Http {
    constructor();
    version: string;
    _cookieStore: Record<string, string>;
    makeRequest(url: string, message: Http.RequestMessage): Promise<Http.SdkResponse>;
    parseJson(json: string): unknown;
    _buildResponse(error: unknown, response: Http.ResponseHead, data: string): Http.SdkResponse;
  }
  export = Http;
}

declare module 'splunk-sdk/lib/service' {
  import Http = require('splunk-sdk/lib/http');
  namespace Service {
    interface Params {
      scheme?: 'http' | 'https';
      host?: string;
      port?: number;
      username?: string;
      password?: string;
      sessionKey?: string;
      authorization?: string;
      autologin?: boolean;
      version?: string;
      owner?: string;
      app?: string;
      timeout?: number;
    }
    interface Namespace { owner?: string; app?: string; sharing?: string }
    /** A job by sid without fetching it first (one request fewer, e.g. for a cancel). */
    const Job: new (service: Service, sid: string, namespace?: Namespace) => Job;
    interface JobProperties {
      sid: string;
      dispatchState: string;
      isDone: boolean;
      isFailed: boolean;
      isPaused?: boolean;
      doneProgress: number | string;
      resultCount: number | string;
      resultPreviewCount?: number | string;
      eventCount: number | string;
      runDuration: number | string;
      messages?: { type: string; text: string }[];
      [key: string]: unknown;
    }
    interface ResultsDocument {
      preview: boolean;
      init_offset: number;
      messages: { type: string; text: string }[];
      fields: string[];
      rows: (string | string[] | null)[][];
    }
    interface Job {
      sid: string;
      properties(): JobProperties;
      fetch(): Promise<Job>;
      results(params: Record<string, string | number>, response_timeout?: number): Promise<[ResultsDocument, Job]>;
      preview(params: Record<string, string | number>, response_timeout?: number): Promise<[ResultsDocument, Job]>;
      events(params: Record<string, string | number>, response_timeout?: number): Promise<[ResultsDocument, Job]>;
      cancel(): Promise<unknown>;
      finalize(): Promise<unknown>;
      pause(): Promise<unknown>;
      unpause(): Promise<unknown>;
      setTTL(ttl: number): Promise<unknown>;
      touch(): Promise<unknown>;
      remove(): Promise<unknown>;
      track(options: { period?: number }, callbacks: {
        ready?: (job: Job) => void; progress?: (job: Job) => void; done?: (job: Job) => unknown;
        failed?: (job: Job) => unknown; error?: (err: unknown) => unknown;
      }): Promise<unknown>;
    }
    interface Jobs {
      create(query: string, params?: Record<string, string | number>): Promise<Job>;
      fetch(): Promise<Jobs>;
      list(): Job[];
    }
  }
  class Service {
    constructor(http: Http, params: Service.Params);
    constructor(params: Service.Params);
    http: Http;
    sessionKey: string;
    version: string;
    authorization: string;
    login(): Promise<boolean>;
    getInfo(): Promise<boolean>;
    logout(): void;
    search(query: string, params?: Record<string, string | number>, namespace?: Service.Namespace): Promise<Service.Job>;
    oneshotSearch(query: string, params?: Record<string, string | number>, namespace?: Service.Namespace): Promise<unknown>;
    getJob(sid: string, namespace?: Service.Namespace): Promise<Service.Job>;
    jobs(params?: Record<string, unknown>, namespace?: Service.Namespace): Service.Jobs;
    /** Resolves to the parsed body (`response.data`). */
    parse(query: string, params?: Record<string, unknown>): Promise<unknown>;
    get(path: string, params?: Record<string, unknown>, response_timeout?: number): Promise<Http.SdkResponse>;
    post(path: string, params?: Record<string, unknown>, response_timeout?: number): Promise<Http.SdkResponse>;
    del(path: string, params?: Record<string, unknown>, response_timeout?: number): Promise<Http.SdkResponse>;
  }
  export = Service;
}

declare module 'splunk-sdk/lib/platform/node/node_http' {
  import Http = require('splunk-sdk/lib/http');
  export class NodeHttp extends Http {}
}

declare module 'splunk-sdk/lib/log' {
  export const Logger: { setLevel(level: 'ALL' | 'INFO' | 'WARN' | 'ERROR' | 'NONE'): void };
}
