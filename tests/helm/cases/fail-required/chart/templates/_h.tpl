{{- define "need" -}}{{ required "image.tag is required: set it with --set image.tag=..." .Values.image.tag }}{{- end -}}
