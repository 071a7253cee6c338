{{/* Labels of every object of workload `.name` (call with dict "root" $ "name" $name). */}}
{{- define "daedalus.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* Selector labels of workload `.name`. */}}
{{- define "daedalus.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* A NetworkPolicy peer: another workload of this release, or address blocks. */}}
{{- define "daedalus.peer" -}}
{{- if .peer.workload }}
- podSelector:
    matchLabels:
      app.kubernetes.io/name: {{ .peer.workload }}
      app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- else }}
{{- range .peer.ipBlocks }}
- ipBlock:
    cidr: {{ . }}
{{- end }}
{{- end }}
{{- end -}}
